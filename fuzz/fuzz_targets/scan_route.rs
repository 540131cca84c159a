//! Any scanned text, for every embedded wallet: scan and route never panic; a decision either
//! routes or refuses, never both; every candidate is chosen or skipped with a reason; the
//! indexed registry and a linear walk of its rules agree; routing the decoded payload decides
//! as routing the text does.
#![no_main]

use emvqr::route::{RoutingTable, route_payload, route_with};
use emvqr::scan::scan_with;
use emvqr::{DecodeOptions, Payload, Registry};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|text: &str| {
    let reg = Registry::embedded();
    let linear = reg.unindexed();
    for opts in [DecodeOptions::strict(), DecodeOptions::lenient()] {
        let s = scan_with(&reg, text, &opts);
        let l = scan_with(&linear, text, &opts);
        assert!(s.candidates().eq(l.candidates()), "indexed and linear scans differ");
        let decoded = Payload::parse_with(text, &opts).ok();
        for table in RoutingTable::embedded_all() {
            let d = route_with(&reg, table, text, &opts);
            assert_eq!(d.route().is_some(), d.refusal().is_none());
            let chosen = d.route().map(|r| r.candidate);
            for i in 0..d.scan().candidates().len() {
                assert!((Some(i) == chosen) != d.skipped(i).is_some(), "candidate {i}");
            }
            if let Some(p) = &decoded {
                let dp = route_payload(&reg, table, p);
                assert_eq!(dp.route(), d.route());
                assert_eq!(dp.refusal(), d.refusal());
            }
        }
    }
});
