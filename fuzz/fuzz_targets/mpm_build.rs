//! The builder and the decoder agree. From an arbitrary model of a payload:
//! - a payload the builder emits decodes (strictly, or with the builder's options) to the same
//!   text and the same fields;
//! - when the builder refuses, the decoder refuses the same unchecked encoding with the same
//!   error code, so the builder never refuses what the decoder would accept (and vice versa).
#![no_main]

use arbitrary::Arbitrary;
use emvqr::{DecodeOptions, Payload, PayloadBuilder};
use libfuzzer_sys::fuzz_target;

/// Values drawn mostly from plausible pieces, so that most models get past the first rule.
#[derive(Arbitrary, Debug)]
enum Text {
    Free(String),
    Digits(u64),
    Amount(u32, u8),
    Known(u8),
}

const KNOWN: &[&str] = &[
    "01", "11", "12", "0000", "5812", "986", "840", "156", "764", "BR", "US", "CN", "TH",
    "br.gov.bcb.pix", "BR.GOV.BCB.PIX", "A000000677010111", "D15600000000", "A000000727",
    "SG.PAYNOW", "hk.com.hkicl", "***", "0066812345678", "LOJA", "BEIJING", "ZH", "最佳运输",
    "10.00", "98.", "0.5", "1e3", "-1", "", " ", "\u{202e}", "00", "02", "03", "5.5", "99.99",
];

impl Text {
    fn get(&self) -> String {
        match self {
            Text::Free(s) => s.clone(),
            Text::Digits(n) => n.to_string(),
            Text::Amount(whole, frac) => format!("{whole}.{:02}", frac % 100),
            Text::Known(i) => KNOWN[usize::from(*i) % KNOWN.len()].to_owned(),
        }
    }
}

#[derive(Arbitrary, Debug)]
struct Model {
    dynamic: bool,
    lenient: bool,
    primitive_account: Option<(u8, Text)>,
    accounts: Vec<(u8, Text, Vec<(u8, Text)>)>,
    mcc: Option<Text>,
    currency: Option<Text>,
    amount: Option<Text>,
    tip: Option<(u8, Text)>,
    country: Option<Text>,
    name: Option<Text>,
    city: Option<Text>,
    postal: Option<Text>,
    additional: Vec<(u8, Text)>,
    language: Option<(Text, Text, Option<Text>)>,
    extra: Vec<(u8, Text)>,
}

fuzz_target!(|m: Model| {
    let opts = if m.lenient {
        DecodeOptions::lenient()
    } else {
        DecodeOptions::strict()
    };
    let mut b = PayloadBuilder::new().options(opts);
    b = if m.dynamic { b.dynamic() } else { b.static_code() };
    if let Some((id, v)) = &m.primitive_account {
        b = b.merchant_account(2 + id % 24, &v.get());
    }
    for (id, guid, subs) in m.accounts.iter().take(4) {
        let subs: Vec<(u8, String)> = subs.iter().take(4).map(|(s, v)| (1 + s % 99, v.get())).collect();
        let refs: Vec<(u8, &str)> = subs.iter().map(|(s, v)| (*s, v.as_str())).collect();
        b = b.merchant_template(26 + id % 26, &guid.get(), &refs);
    }
    let set = |b: PayloadBuilder, id: u8, v: &Option<Text>| match v {
        Some(v) => b.object(id, &v.get()),
        None => b,
    };
    b = set(b, 52, &m.mcc);
    b = set(b, 53, &m.currency);
    b = set(b, 54, &m.amount);
    if let Some((kind, v)) = &m.tip {
        b = match kind % 3 {
            0 => b.tip_prompt(),
            1 => b.fixed_fee(&v.get()),
            _ => b.percentage_fee(&v.get()),
        };
    }
    b = set(b, 58, &m.country);
    b = set(b, 59, &m.name);
    b = set(b, 60, &m.city);
    b = set(b, 61, &m.postal);
    for (sub, v) in m.additional.iter().take(6) {
        b = b.additional_data(1 + sub % 99, &v.get());
    }
    if let Some((lang, name, city)) = &m.language {
        let city = city.as_ref().map(Text::get);
        b = b.language(&lang.get(), &name.get(), city.as_deref());
    }
    for (id, v) in m.extra.iter().take(3) {
        b = b.object(id % 100, &v.get());
    }

    let unchecked = b.encode_unchecked();
    match b.build() {
        Ok(built) => {
            let text = unchecked.expect("a built payload encodes unchecked");
            assert_eq!(built.as_str(), text);
            let p = Payload::parse_with(built.as_str(), &opts).expect("a built payload decodes");
            assert_eq!(p.field_map(), built.as_payload().field_map());
        }
        Err(refused) => {
            if let Ok(text) = unchecked {
                let decoded = Payload::parse_with(&text, &opts);
                let err = decoded.expect_err("the decoder accepts what the builder refused");
                assert_eq!(err.code(), refused.code(), "builder and decoder disagree on {text:?}");
            }
        }
    }
});
