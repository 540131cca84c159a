//! What the scheme profiles cost the decoder: each payload decoded with profiles on (the
//! default) and off. A payload without a template 26–51 skips them with one bit test; one
//! with templates of unknown schemes pays the GUID lookups; a Pix code pays its rules.
// `criterion_group!` defines an undocumented `pub fn`.
#![allow(missing_docs, clippy::unwrap_used)]

use std::hint::black_box;
use std::time::Duration;

use criterion::{Criterion, criterion_group, criterion_main};
use emvqr::{DecodeOptions, Payload, PayloadBuilder};

const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

fn visa() -> String {
    PayloadBuilder::new()
        .static_code()
        .merchant_account(2, "4111111111111111")
        .merchant_category_code("5812")
        .currency("840")
        .country("US")
        .merchant_name("BEST CAFE")
        .merchant_city("NEW YORK")
        .build()
        .map(String::from)
        .unwrap()
}

fn pix() -> String {
    PayloadBuilder::new()
        .static_code()
        .merchant_template(26, "br.gov.bcb.pix", &[(1, "fulano@example.com")])
        .merchant_category_code("0000")
        .currency("986")
        .country("BR")
        .merchant_name("FULANO DE TAL")
        .merchant_city("BRASILIA")
        .additional_data(5, "***")
        .build()
        .map(String::from)
        .unwrap()
}

fn benches(c: &mut Criterion) {
    let visa = visa();
    let pix = pix();
    let on = DecodeOptions::strict();
    let off = DecodeOptions::strict().profiles(false);
    let mut g = c.benchmark_group("profiles");
    g.measurement_time(Duration::from_secs(2))
        .warm_up_time(Duration::from_millis(500))
        .sample_size(30);
    for (name, text) in [
        ("plain_visa", visa.as_str()),
        ("annex_b", ANNEX_B),
        ("pix", &pix),
    ] {
        assert!(Payload::parse_with(text, &on).is_ok(), "{name}");
        for (mode, opts) in [("on", &on), ("off", &off)] {
            g.bench_function(format!("{name}_{mode}"), |b| {
                b.iter(|| Payload::parse_with(black_box(text), opts).is_ok())
            });
        }
    }
    g.finish();
}

criterion_group!(profile, benches);
criterion_main!(profile);
