//! Shared generators for the property tests: a model of an arbitrary valid payload and the
//! strategies behind it.
#![allow(
    dead_code,
    clippy::arithmetic_side_effects,
    clippy::unwrap_used,
    clippy::indexing_slicing
)]

use std::collections::BTreeMap;

use emvqr::{FieldMap, FieldValue, PayloadBuilder};
use proptest::prelude::*;

/// The example of EMVCo MPM Annex B (non-canonical order: 64 before 54, 62 after 58).
pub(crate) const ANNEX_B: &str = "00020101021229300012D156000000000510A93FO3230Q31280012D15600000001030812345678520441115802CN5914BEST TRANSPORT6007BEIJING64200002ZH0104最佳运输0202北京540523.7253031565502016233030412340603***0708A60086670902ME91320016A0112233449988770708123456786304A13A";

/// Appends `6304` and the CRC (upper-case hex) to `body`.
pub(crate) fn seal(body: &str) -> String {
    let mut s = String::from(body);
    s.push_str("6304");
    let crc = emvqr::crc::checksum(s.as_bytes());
    s.push_str(&format!("{crc:04X}"));
    s
}

/// A root object in the model.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Val {
    Text(String),
    Template(BTreeMap<u8, String>),
}

/// A valid payload, as the objects it should decode to (63 excluded).
#[derive(Debug, Clone)]
pub(crate) struct Model {
    pub(crate) objects: BTreeMap<u8, Val>,
    /// Minor-unit exponent of the currency in 53.
    pub(crate) exponent: u8,
}

impl Model {
    pub(crate) fn text(&self, id: u8) -> Option<&str> {
        match self.objects.get(&id) {
            Some(Val::Text(t)) => Some(t),
            _ => None,
        }
    }

    pub(crate) fn template(&self, id: u8) -> Option<&BTreeMap<u8, String>> {
        match self.objects.get(&id) {
            Some(Val::Template(m)) => Some(m),
            _ => None,
        }
    }

    /// The field map the decoder should report (without 63).
    pub(crate) fn field_map(&self) -> FieldMap {
        self.objects
            .iter()
            .map(|(id, v)| {
                let v = match v {
                    Val::Text(t) => FieldValue::Text(t.clone()),
                    Val::Template(m) => FieldValue::Template(
                        m.iter()
                            .map(|(k, v)| (format!("{k:02}"), v.clone()))
                            .collect(),
                    ),
                };
                (format!("{id:02}"), v)
            })
            .collect()
    }

    /// The builder, through the typed setters where there is one.
    pub(crate) fn builder(&self) -> PayloadBuilder {
        let mut b = PayloadBuilder::new();
        for (&id, v) in &self.objects {
            b = match (id, v) {
                (0, Val::Text(t)) => b.object(0, t),
                (1, Val::Text(t)) if t == "11" => b.static_code(),
                (1, Val::Text(_)) => b.dynamic(),
                (2..=25, Val::Text(t)) => b.merchant_account(id, t),
                (26..=51 | 80..=99, Val::Template(m)) => {
                    let guid = m.get(&0).cloned().unwrap_or_default();
                    let fields: Vec<(u8, &str)> = m
                        .iter()
                        .filter(|(k, _)| **k != 0)
                        .map(|(k, v)| (*k, v.as_str()))
                        .collect();
                    if id >= 80 {
                        b.unreserved_template(id, &guid, &fields)
                    } else {
                        b.merchant_template(id, &guid, &fields)
                    }
                }
                (52, Val::Text(t)) => b.merchant_category_code(t),
                (53, Val::Text(t)) => b.currency(t),
                (54, Val::Text(t)) => b.amount(t),
                (55, Val::Text(t)) => match t.as_str() {
                    "01" => b.tip_prompt(),
                    "02" => b.fixed_fee(self.text(56).unwrap_or_default()),
                    _ => b.percentage_fee(self.text(57).unwrap_or_default()),
                },
                // Set by 55's setter.
                (56 | 57, Val::Text(_)) => b,
                (58, Val::Text(t)) => b.country(t),
                (59, Val::Text(t)) => b.merchant_name(t),
                (60, Val::Text(t)) => b.merchant_city(t),
                (61, Val::Text(t)) => b.postal_code(t),
                (62, Val::Template(m)) => {
                    let mut b = b;
                    for (k, v) in m {
                        b = b.additional_data(*k, v);
                    }
                    b
                }
                (64, Val::Template(m)) => b.language(
                    m.get(&0).map_or("", String::as_str),
                    m.get(&1).map_or("", String::as_str),
                    m.get(&2).map(String::as_str),
                ),
                (_, Val::Text(t)) => b.object(id, t),
                (_, Val::Template(m)) => {
                    let mut b = b;
                    for (k, v) in m {
                        b = b.template_field(id, *k, v);
                    }
                    b
                }
            };
        }
        b
    }
}

/// True for characters an S value must not hold, or that raise a display warning.
pub(crate) fn is_s_hazard(c: char) -> bool {
    matches!(c, '\u{0}'..='\u{1F}' | '\u{7F}'..='\u{9F}')
        || matches!(
            c,
            '\u{061C}' | '\u{200E}' | '\u{200F}' | '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}'
        )
        || matches!(
            c,
            '\u{00AD}' | '\u{180E}' | '\u{200B}'..='\u{200D}' | '\u{2060}'..='\u{2064}' | '\u{FEFF}'
        )
        // Fillers, selectors, tags and separators.
        || matches!(
            c,
            '\u{115F}'
                | '\u{1160}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{2800}'
                | '\u{3164}'
                | '\u{FE00}'..='\u{FE0F}'
                | '\u{FFA0}'
                | '\u{E0000}'..='\u{E007F}'
                | '\u{E0100}'..='\u{E01EF}'
        )
}

/// Multibyte characters seen in real payloads: accents, CJK, Thai, Arabic, an emoji.
pub(crate) const MULTIBYTE: &[char] = &[
    'é', 'ã', 'ç', 'ü', 'ñ', 'Ø', 'ß', 'Ł', '最', '佳', '运', '输', '北', '京', '東', '店', 'ร',
    'า', 'น', 'ค', 'Ả', 'ư', 'ờ', 'ع', '€', '😀', '𝄞',
];

/// One character of format S (no controls, no display hazards), often non-ASCII.
pub(crate) fn s_char() -> impl Strategy<Value = char> {
    prop_oneof![
        5 => (0x20u8..=0x7E).prop_map(char::from),
        3 => prop::sample::select(MULTIBYTE),
        1 => any::<char>().prop_filter("S character", |c| !is_s_hazard(*c)),
    ]
}

/// An S value of `min..=max` characters.
pub(crate) fn s_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec(s_char(), min..=max).prop_map(|v| v.into_iter().collect())
}

/// Text a wallet shows, of format S: 1 to `max` characters, not blank, its letters Latin or Han
/// (which names mix), so that it raises no warning (blank text and mixed scripts are tested on
/// their own).
pub(crate) fn shown_s(max: usize) -> impl Strategy<Value = String> {
    const LETTERS: &[char] = &[
        'é', 'ã', 'ç', 'ü', 'ñ', 'Ø', 'ß', 'Ł', '最', '佳', '运', '输', '北', '京', '東', '店',
        'Ả', 'ư', 'ờ', '€', '😀', '𝄞',
    ];
    let char = prop_oneof![
        5 => (0x20u8..=0x7E).prop_map(char::from),
        3 => prop::sample::select(LETTERS),
        1 => any::<char>().prop_filter("S, of every script (symbols, punctuation)", |c| {
            use unicode_script::UnicodeScript as _;
            !is_s_hazard(*c) && c.script_extension().is_common()
        }),
    ];
    prop::collection::vec(char, 1..=max)
        .prop_map(|v| v.into_iter().collect::<String>())
        .prop_filter("not blank", |s: &String| {
            !s.chars().all(|c| c.is_whitespace() || is_s_hazard(c))
        })
}

/// An ans value of `min..=max` characters.
pub(crate) fn ans_string(min: usize, max: usize) -> impl Strategy<Value = String> {
    prop::collection::vec((0x20u8..=0x7E).prop_map(char::from), min..=max)
        .prop_map(|v| v.into_iter().collect())
}

/// Text a wallet shows (59, 60, 61): ans of 1 to `max` characters, not only spaces (a blank
/// merchant name is refused, other blank text flagged; both tested on their own).
pub(crate) fn shown_ans(max: usize) -> impl Strategy<Value = String> {
    ans_string(1, max).prop_filter("not blank", |s| s.bytes().any(|b| b != b' '))
}

/// A GUID: an AID (even count of 10–32 hex digits), a hyphenless UUID, or a reverse domain.
pub(crate) fn guid() -> impl Strategy<Value = String> {
    prop_oneof![
        (5usize..=16, any::<bool>()).prop_flat_map(|(n, lower)| {
            prop::collection::vec(prop::sample::select(&b"0123456789ABCDEF"[..]), 2 * n).prop_map(
                move |v| {
                    let s: String = v.into_iter().map(char::from).collect();
                    if lower { s.to_ascii_lowercase() } else { s }
                },
            )
        }),
        "[0-9a-f]{32}",
        "[A-Za-z]{2,6}(\\.[a-z0-9]([a-z0-9-]{0,4}[a-z0-9])?){1,3}",
    ]
    .prop_filter("not a recognised scheme GUID", |g| {
        !g.eq_ignore_ascii_case("br.gov.bcb.pix")
            && !g.starts_with("A000000677")
            && g != "A000000727"
            && g != "A0000006150001"
    })
}

/// A merchant account or unreserved template value: GUID plus 0–3 S sub-objects (fits 99).
pub(crate) fn guid_template() -> impl Strategy<Value = Val> {
    (
        guid(),
        prop::collection::btree_map(1u8..=99, s_string(1, 15), 0..=3),
    )
        .prop_map(|(g, mut m)| {
            m.insert(0, g);
            Val::Template(m)
        })
}

/// One merchant account with the given ID (UnionPay's, 15 and 16, of letters and digits).
pub(crate) fn account(id: u8) -> BoxedStrategy<(u8, Val)> {
    if matches!(id, 15 | 16) {
        "[0-9A-Za-z]{1,31}"
            .prop_map(move |v| (id, Val::Text(v)))
            .boxed()
    } else if id <= 25 {
        ans_string(1, 30)
            .prop_map(move |v| (id, Val::Text(v)))
            .boxed()
    } else {
        guid_template().prop_map(move |v| (id, v)).boxed()
    }
}

/// 1–3 merchant accounts with distinct IDs in 02–51.
pub(crate) fn accounts() -> impl Strategy<Value = Vec<(u8, Val)>> {
    prop::sample::subsequence((2u8..=51).collect::<Vec<_>>(), 1..=3)
        .prop_flat_map(|ids| ids.into_iter().map(account).collect::<Vec<_>>())
}

/// (currency numeric, its country, its exponent).
pub(crate) const CURRENCIES: &[(&str, &str, u8)] = &[
    ("986", "BR", 2),
    ("840", "US", 2),
    ("156", "CN", 2),
    ("392", "JP", 0),
    ("764", "TH", 2),
    // Not Indonesia: every code of country ID is QRIS, and its profile has rules of its own.
    ("702", "SG", 2),
    ("048", "BH", 3),
];

/// A valid amount for a currency with `exp` decimals: no leading zero, non-zero, at most
/// `exp` decimals (sometimes written `98.`), at most 13 characters.
pub(crate) fn amount(exp: u8) -> impl Strategy<Value = String> {
    (
        prop_oneof![Just(String::from("0")), "[1-9][0-9]{0,8}"],
        prop::collection::vec(
            prop::sample::select(&b"0123456789"[..]),
            0..=usize::from(exp),
        ),
        prop::bool::weighted(0.1),
    )
        .prop_map(|(int, dec, trailing_dot)| {
            let mut s = int;
            if !dec.is_empty() {
                s.push('.');
                s.extend(dec.into_iter().map(char::from));
            } else if trailing_dot {
                s.push('.');
            }
            s
        })
        .prop_filter("non-zero", |s| {
            s.bytes().any(|b| (b'1'..=b'9').contains(&b))
        })
}

/// The amount in minor units, computed independently of the library.
pub(crate) fn minor_units(amount: &str, exp: u8) -> u64 {
    let (int, frac) = amount.split_once('.').unwrap_or((amount, ""));
    let mut v: u64 = int.parse().unwrap();
    let mut frac = frac.to_string();
    while frac.len() < usize::from(exp) {
        frac.push('0');
    }
    for b in frac.bytes() {
        v = v * 10 + u64::from(b - b'0');
    }
    v
}

/// 55/56/57: none, prompt, fixed fee or percentage fee.
pub(crate) fn tip(exp: u8) -> impl Strategy<Value = Vec<(u8, Val)>> {
    let text = |s: &str| Val::Text(s.to_string());
    prop_oneof![
        Just(vec![]),
        Just(vec![(55, text("01"))]),
        amount(exp).prop_map(move |a| vec![(55, text("02")), (56, Val::Text(a))]),
        "[0-9]{1,2}(\\.[0-9]{0,2})?"
            .prop_filter("non-zero", |s| s
                .bytes()
                .any(|b| (b'1'..=b'9').contains(&b)))
            .prop_map(move |p| vec![(55, text("03")), (57, Val::Text(p))]),
    ]
}

/// Additional data (62): 1–4 of the sub-objects 01–08, ans up to 20 characters or `***`.
pub(crate) fn additional_data() -> impl Strategy<Value = Val> {
    prop::collection::btree_map(
        1u8..=8,
        prop_oneof![Just(String::from("***")), ans_string(1, 20)],
        1..=4,
    )
    .prop_map(Val::Template)
}

/// Language template (64): 00 two letters, 01 S up to 25, optional 02 S up to 15.
pub(crate) fn language() -> impl Strategy<Value = Val> {
    ("[A-Za-z]{2}", shown_s(25), prop::option::of(shown_s(15))).prop_map(|(l, n, c)| {
        let mut m = BTreeMap::new();
        m.insert(0, l);
        m.insert(1, n);
        if let Some(c) = c {
            m.insert(2, c);
        }
        Val::Template(m)
    })
}

/// An arbitrary valid payload model.
pub(crate) fn model() -> impl Strategy<Value = Model> {
    (
        prop::option::of(prop::sample::select(&["11", "12"][..])),
        accounts(),
        "[0-9]{4}",
        prop::sample::select(CURRENCIES),
    )
        .prop_flat_map(|(poi, accounts, mcc, cur)| {
            (
                Just((poi, accounts, mcc, cur)),
                prop::option::of(amount(cur.2)),
                tip(cur.2),
                shown_ans(25),
                shown_ans(15),
                prop::option::of(shown_ans(10)),
                prop::option::of(additional_data()),
                prop::option::of(language()),
                prop::option::of((80u8..=99, guid_template())),
            )
        })
        .prop_map(
            |((poi, accounts, mcc, cur), amount, tip, name, city, postal, add, lang, unres)| {
                let mut o = BTreeMap::new();
                let text = |s: &str| Val::Text(s.to_string());
                o.insert(0, text("01"));
                if let Some(p) = poi {
                    o.insert(1, text(p));
                }
                o.extend(accounts);
                o.insert(52, Val::Text(mcc));
                o.insert(53, text(cur.0));
                if let Some(a) = amount {
                    o.insert(54, Val::Text(a));
                }
                o.extend(tip);
                o.insert(58, text(cur.1));
                o.insert(59, Val::Text(name));
                o.insert(60, Val::Text(city));
                if let Some(p) = postal {
                    o.insert(61, Val::Text(p));
                }
                if let Some(a) = add {
                    o.insert(62, a);
                }
                if let Some(l) = lang {
                    o.insert(64, l);
                }
                if let Some((id, t)) = unres {
                    o.insert(id, t);
                }
                Model {
                    objects: o,
                    exponent: cur.2,
                }
            },
        )
        // A model whose multi-byte characters let a reader counting bytes or UTF-16 units
        // also tile it is no valid payload (`length_unit_ambiguous`, tested on its own).
        .prop_filter(
            "one reading in every length unit",
            |m| !matches!(m.builder().build(), Err(e) if e.code() == "length_unit_ambiguous"),
        )
}
