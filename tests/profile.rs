//! Runs every vector under `spec/profile/` and checks that the builder, asked to build for the
//! vector's profile, refuses the same violations the decoder reports.
#![allow(
    clippy::arithmetic_side_effects,
    clippy::expect_used,
    clippy::unwrap_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::collections::{BTreeMap, BTreeSet};
use std::fs;
use std::path::{Path, PathBuf};

use emvqr::profile::{self, Severity};
use emvqr::{
    DecodeOptions, FieldMap, FieldValue, Leniency, Payload, PayloadBuilder, Profile, Rule,
};
use serde_json::{Value, json};

fn spec_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("spec")
}

fn json_files(kind: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = fs::read_dir(spec_dir().join(kind))
        .unwrap_or_else(|e| panic!("spec/{kind}: {e}"))
        .map(|e| e.expect("dir entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    files.sort();
    files
}

fn vectors(kind: &str) -> Vec<Value> {
    json_files(kind)
        .iter()
        .flat_map(|f| {
            let text = fs::read_to_string(f).expect("readable");
            let v: Vec<Value> = serde_json::from_str(&text)
                .unwrap_or_else(|e| panic!("{}: not a JSON array: {e}", f.display()));
            v
        })
        .collect()
}

fn options(v: &Value) -> DecodeOptions {
    let pedantic = v.pointer("/options/pedantic").and_then(Value::as_bool) == Some(true);
    let mut opts = if pedantic {
        DecodeOptions::pedantic()
    } else {
        DecodeOptions::strict()
    };
    if let Some(list) = v.pointer("/options/lenient").and_then(Value::as_array) {
        for name in list.iter().filter_map(Value::as_str) {
            opts = if name == "all" {
                DecodeOptions::lenient()
            } else {
                opts.allow(Leniency::from_name(name).expect("known leniency"))
            };
        }
    }
    if let Some(on) = v.pointer("/options/profiles").and_then(Value::as_bool) {
        opts = opts.profiles(on);
    }
    opts
}

fn to_json(map: &FieldMap) -> Value {
    Value::Object(
        map.iter()
            .map(|(k, v)| {
                let v = match v {
                    FieldValue::Text(t) => json!(t),
                    FieldValue::Template(m) => json!(m),
                };
                (k.clone(), v)
            })
            .collect(),
    )
}

fn rule_warnings(p: &Payload<'_>) -> Value {
    Value::Array(
        p.warnings()
            .iter()
            .filter_map(|w| {
                w.rule()
                    .map(|r| json!({"rule": r, "offset": w.offset(), "path": w.path().to_string()}))
            })
            .collect(),
    )
}

/// Checks one vector; `Err` says why it fails.
fn check(v: &Value) -> Result<(), String> {
    let payload = v["payload"].as_str().ok_or("no payload")?;
    let opts = options(v);
    let prof =
        Profile::from_id(v["profile"].as_str().ok_or("no profile")?).ok_or("unknown profile id")?;
    match (v["expect"].as_str(), Payload::parse_with(payload, &opts)) {
        (Some("valid"), Ok(p)) => {
            if to_json(&p.field_map()) != v["fields"] {
                return Err(format!("fields differ: {}", to_json(&p.field_map())));
            }
            let mut codes: Vec<&str> = p.warnings().iter().map(|w| w.code()).collect();
            codes.sort_unstable();
            if json!(codes) != v["warnings"] {
                return Err(format!("warnings {codes:?}"));
            }
            if rule_warnings(&p) != v["profile_warnings"] {
                return Err(format!("profile warnings {}", rule_warnings(&p)));
            }
            if !p.profiles().contains(prof) {
                return Err(format!("profile {prof} not recognised"));
            }
            // The builder, for this profile (unless the vector turns profiles off), builds it.
            let mut b = PayloadBuilder::from_field_map(&p.field_map())
                .map_err(|e| e.to_string())?
                .options(opts);
            if opts.applies_profiles() {
                b = b.profile(prof);
            }
            let built = b.build().map_err(|e| format!("builder refused: {e}"))?;
            let canonical = v.get("canonical").and_then(Value::as_bool).unwrap_or(true);
            if canonical && built.as_str() != payload {
                return Err(format!("built differently: {}", built.as_str()));
            }
            Ok(())
        }
        (Some("valid"), Err(e)) => Err(format!("rejected: {e} {:?}", e.rule())),
        (Some("invalid"), Ok(_)) => Err("accepted".into()),
        (Some("invalid"), Err(e)) => {
            let want = &v["error"];
            let got = json!({
                "code": e.code(),
                "offset": e.offset(),
                "path": e.path().to_string(),
            });
            let mut want_core = want.clone();
            if let Some(o) = want_core.as_object_mut() {
                o.remove("rule");
            }
            if got != want_core || e.rule() != want.get("rule").and_then(Value::as_str) {
                return Err(format!("error {got} rule {:?}, expected {want}", e.rule()));
            }
            if e.rule().is_some() {
                builder_refuses(payload, &opts, prof, &e)?;
            }
            Ok(())
        }
        (other, _) => Err(format!("unknown expect {other:?}")),
    }
}

/// The payload minus the profile is valid; the builder asked for the profile refuses it with
/// the decoder's error (the same offset, as the constructed payloads are in canonical order).
fn builder_refuses(
    payload: &str,
    opts: &DecodeOptions,
    prof: Profile,
    want: &emvqr::Error,
) -> Result<(), String> {
    let plain = Payload::parse_with(payload, &opts.profiles(false))
        .map_err(|e| format!("invalid even without profiles: {e}"))?;
    let b = PayloadBuilder::from_field_map(&plain.field_map())
        .map_err(|e| e.to_string())?
        .options(*opts)
        .profile(prof);
    let e = b.build().err().ok_or("builder accepted")?;
    if (e.rule(), e.path()) != (want.rule(), want.path()) {
        return Err(format!("builder error {e} {:?}", e.rule()));
    }
    let same_text = b.encode_unchecked().is_ok_and(|t| t == payload);
    if same_text && e.offset() != want.offset() {
        return Err(format!(
            "builder offset {} for {}",
            e.offset(),
            want.offset()
        ));
    }
    Ok(())
}

#[test]
fn profile_vectors() {
    let mut ids: BTreeSet<String> = vectors("mpm")
        .iter()
        .filter_map(|v| v["id"].as_str().map(String::from))
        .collect();
    let mut per_profile: BTreeMap<String, (usize, usize)> = BTreeMap::new();
    let mut rules_hit: BTreeSet<String> = BTreeSet::new();
    let (mut passed, mut failed) = (0usize, 0usize);
    for v in vectors("profile") {
        let id = v["id"].as_str().expect("id").to_string();
        assert!(id.starts_with("profile-"), "{id}: id prefix");
        assert!(ids.insert(id.clone()), "duplicate vector id {id}");
        assert!(
            v["source"].as_str().is_some_and(|s| !s.is_empty()),
            "{id}: no source"
        );
        let prof = v["profile"].as_str().expect("profile").to_string();
        let e = per_profile.entry(prof).or_default();
        if v["expect"] == "valid" {
            e.0 += 1;
        } else {
            e.1 += 1;
        }
        for r in v["profile_warnings"]
            .as_array()
            .into_iter()
            .flatten()
            .chain(v.get("error"))
        {
            if let Some(r) = r.get("rule").and_then(Value::as_str) {
                rules_hit.insert(r.to_string());
            }
        }
        match check(&v) {
            Ok(()) => passed += 1,
            Err(why) => {
                println!("FAIL {id}: {why}");
                failed += 1;
            }
        }
    }
    for (p, (valid, invalid)) in &per_profile {
        println!("{p}: {valid} valid, {invalid} invalid");
    }
    // Every rule the decoder can raise has a vector (the account rules are the builder's).
    let account: BTreeSet<Rule> = Profile::ALL.iter().map(|p| Rule::account_of(*p)).collect();
    let missing: Vec<&str> = Rule::all()
        .filter(|r| !account.contains(r) && !rules_hit.contains(r.id()))
        .map(Rule::id)
        .collect();
    println!("{passed} passed, {failed} failed");
    assert_eq!(failed, 0);
    assert!(missing.is_empty(), "rules without a vector: {missing:?}");
    for p in Profile::ALL {
        let (valid, invalid) = per_profile.get(p.id()).copied().unwrap_or_default();
        assert!(
            valid >= 1 && invalid >= 2,
            "{p}: {valid} valid, {invalid} invalid"
        );
    }
}

fn pix_base() -> PayloadBuilder {
    PayloadBuilder::new()
        .static_code()
        .merchant_template(26, "br.gov.bcb.pix", &[(1, "fulano@example.com")])
        .merchant_category_code("0000")
        .currency("986")
        .country("BR")
        .merchant_name("FULANO DE TAL")
        .merchant_city("BRASILIA")
        .additional_data(5, "***")
}

#[test]
fn builder_needs_the_profile_template() {
    let visa = PayloadBuilder::new()
        .merchant_account(2, "4111111111111111")
        .merchant_category_code("5411")
        .currency("840")
        .country("US")
        .merchant_name("SHOP")
        .merchant_city("NYC");
    assert!(visa.build().is_ok());
    let e = visa.clone().profile(Profile::Pix).build().unwrap_err();
    assert_eq!((e.code(), e.rule()), ("profile_rule", Some("pix.account")));
    assert_eq!((e.offset(), e.path().to_string()), (0, String::new()));
    // Leniently the missing template is a warning.
    let p = visa
        .profile(Profile::Pix)
        .options(DecodeOptions::strict().allow(Leniency::ProfileRules))
        .build()
        .unwrap();
    let rules: Vec<_> = p.as_payload().warnings().iter().map(|w| w.rule()).collect();
    assert_eq!(rules, [Some("pix.account")]);
}

#[test]
fn builder_applies_the_profile_even_with_profiles_off() {
    let off = DecodeOptions::strict().profiles(false);
    let bad = pix_base().template_field(26, 1, "abcd").options(off);
    assert!(bad.build().is_ok());
    let e = bad.profile(Profile::Pix).build().unwrap_err();
    assert_eq!(e.rule(), Some("pix.key"));
    assert!(pix_base().profile(Profile::Pix).build().is_ok());
}

#[test]
fn profiles_are_recognised_and_checked_on_demand() {
    let p = pix_base().build().unwrap();
    let p = p.as_payload();
    assert!(p.profiles().contains(Profile::Pix));
    assert_eq!(p.profiles().iter().collect::<Vec<_>>(), [Profile::Pix]);
    let text = pix_base()
        .template_field(26, 1, "abcd")
        .options(DecodeOptions::strict().profiles(false))
        .build()
        .unwrap();
    let plain =
        Payload::parse_with(text.as_str(), &DecodeOptions::strict().profiles(false)).unwrap();
    let e = profile::check(&plain, &DecodeOptions::strict()).unwrap_err();
    assert_eq!(e.rule(), Some("pix.key"));
    let report = profile::check(&plain, &DecodeOptions::lenient()).unwrap();
    assert_eq!(report.warnings().len(), 1);
    assert_eq!(report.warnings()[0].code(), "profile_rule");
    assert_eq!(report.profiles().iter().collect::<Vec<_>>(), [Profile::Pix]);
    let e = profile::check_profile(&plain, Profile::VietQr, &DecodeOptions::strict()).unwrap_err();
    assert_eq!(e.rule(), Some("vietqr.account"));
}

#[test]
fn severities_match_the_policy() {
    // Rules that make a code unpayable are errors; soft conventions are warnings.
    for id in [
        "pix.key",
        "promptpay.mobile",
        "vietqr.bin",
        "qris.nmid",
        "khqr.timestamp_missing",
    ] {
        assert_eq!(
            Rule::from_id(id).unwrap().severity(),
            Severity::Error,
            "{id}"
        );
    }
    for id in [
        "pix.mcc",
        "pix.country",
        "paynow.expiry_datetime",
        "fps.placeholder",
    ] {
        assert_eq!(
            Rule::from_id(id).unwrap().severity(),
            Severity::Warning,
            "{id}"
        );
    }
}

#[cfg(feature = "cli")]
#[test]
fn cli_json_carries_the_rule() {
    use std::process::Command;
    let bad = "00020126260014br.gov.bcb.pix0104abcd5204000053039865802BR5903ABC6003RIO62070503***630422CD";
    let out = Command::new(env!("CARGO_BIN_EXE_emvqr"))
        .args(["decode", "--json", bad])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["error"]["code"], "profile_rule");
    assert_eq!(v["error"]["rule"], "pix.key");
    assert_eq!(v["error"]["path"], "26.01");
    assert_eq!(v["error"]["offset"], 32);
    // Leniently the finding is a warning with its rule.
    let out = Command::new(env!("CARGO_BIN_EXE_emvqr"))
        .args(["decode", "--json", "--lenient", bad])
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(0));
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["warnings"][0]["rule"], "pix.key");
    // Other errors keep their shape: no "rule" key.
    let stale = bad.replace("630422CD", "630422CE");
    let out = Command::new(env!("CARGO_BIN_EXE_emvqr"))
        .args(["decode", "--json", &stale])
        .output()
        .expect("runs");
    let v: Value = serde_json::from_slice(&out.stdout).expect("one JSON object");
    assert_eq!(v["error"]["code"], "crc_mismatch");
    assert!(v["error"].get("rule").is_none());
}

mod props {
    use super::*;
    use proptest::prelude::*;

    const GUIDS: [(u8, &str); 14] = [
        (26, "br.gov.bcb.pix"),
        (29, "A000000677010111"),
        (30, "A000000677010112"),
        (26, "SG.PAYNOW"),
        (51, "SG.SGQR"),
        (26, "A0000006150001"),
        (51, "ID.CO.QRIS.WWW"),
        (38, "A000000727"),
        (29, "someone@bank"),
        (27, "com.p2pqrpay"),
        (26, "hk.com.hkicl"),
        (26, "A000000524"),
        (26, "jp.or.paymentsjapan"),
        (26, "D15600000000"),
    ];

    fn payload() -> impl Strategy<Value = String> {
        (
            0..GUIDS.len(),
            proptest::collection::btree_map(1u8..=5, "[ -~]{1,20}", 0..4),
            prop_oneof![
                Just("986"),
                Just("764"),
                Just("704"),
                Just("116"),
                Just("840")
            ],
            prop_oneof![Just("BR"), Just("TH"), Just("KH"), Just("NA"), Just("US")],
            proptest::option::of("[A-Za-z0-9*-]{1,25}"),
            proptest::option::of(prop_oneof![Just("12"), Just("11")]),
        )
            .prop_map(|(g, subs, cur, ctry, txid, poi)| {
                let (id, guid) = GUIDS[g];
                let fields: Vec<(u8, &str)> = subs.iter().map(|(k, v)| (*k, v.as_str())).collect();
                let mut b = PayloadBuilder::new()
                    .merchant_template(id, guid, &fields)
                    .merchant_category_code("0000")
                    .currency(cur)
                    .country(ctry)
                    .merchant_name(ctry)
                    .merchant_city("CITY");
                if let Some(t) = txid {
                    b = b.additional_data(5, &t);
                }
                if let Some(p) = poi {
                    b = b.object(1, p);
                }
                b.encode_unchecked().unwrap_or_default()
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

        /// Profiles only ever add `profile_rule` errors to what the EMVCo layer accepts,
        /// point inside the payload, and are all relaxed by the leniency.
        #[test]
        fn profiles_only_add_profile_errors(text in payload()) {
            let off = DecodeOptions::lenient().profiles(false);
            prop_assume!(Payload::parse_with(&text, &off).is_ok());
            // `lenient()` includes `profile_rules`: profiles on, nothing more is refused.
            prop_assert!(Payload::parse_with(&text, &DecodeOptions::lenient()).is_ok());
            let no_relax = DecodeOptions::strict()
                .allow(Leniency::NonGuidIdentifier)
                .allow(Leniency::AmountPrecision);
            let plain = Payload::parse_with(&text, &no_relax.profiles(false));
            if let Ok(plain) = plain {
                match Payload::parse_with(&text, &no_relax) {
                    Ok(p) => prop_assert!(p.warnings().len() >= plain.warnings().len()),
                    Err(e) => {
                        prop_assert_eq!(e.code(), "profile_rule");
                        let rule = Rule::from_id(e.rule().unwrap()).unwrap();
                        prop_assert!(plain.profiles().contains(rule.profile()));
                        prop_assert!(e.offset() <= text.chars().count());
                    }
                }
            }
        }
    }
}

/// The rules table of `spec/README.md` is the rule table of the code, row for row.
#[test]
fn the_readme_lists_every_rule() {
    use emvqr::profile::Severity;
    let readme = fs::read_to_string("spec/README.md").expect("spec/README.md");
    let start = readme
        .find("| rule | severity | what it forbids |")
        .expect("the rules table");
    let rows: Vec<(String, String, String)> = readme[start..]
        .lines()
        .skip(2)
        .take_while(|l| l.starts_with('|'))
        .map(|l| {
            let cells: Vec<&str> = l.trim_matches('|').split(" | ").map(str::trim).collect();
            (
                cells[0].trim_matches('`').to_owned(),
                cells[1].to_owned(),
                cells[2].to_owned(),
            )
        })
        .collect();
    let want: Vec<(String, String, String)> = emvqr::Rule::all()
        .map(|r| {
            let severity = match r.severity() {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Departure => "departure",
            };
            (
                r.id().to_owned(),
                severity.to_owned(),
                r.summary().to_owned(),
            )
        })
        .collect();
    assert_eq!(rows, want);
}

/// DuitNow's digest in 82 is one primitive value: read, shown and rebuilt as such.
#[test]
fn duitnow_digest_in_82_is_a_primitive_value() {
    use emvqr::{FieldValue, PayloadBuilder};
    // A real sticker (natsu90/duitnowqr-test, spec/real/duitnow.json).
    const GINTELL: &str = "00020201021126600014A00000061500010106890087022800000000000000000000000723395204739953034585802MY5925GINTELL REST N GO SDN BHD6015KEPONG MENJALAR610552200625305080.1626.00608168814510825Start machine via DuitNow82327FFC1AC00E99EA2D7A0D7BB79755736A63045CDC";
    let p = Payload::parse(GINTELL).expect("a DuitNow code");
    assert_eq!(p.get(82), Some("7FFC1AC00E99EA2D7A0D7BB79755736A"));
    assert!(p.template(82).is_none());
    assert_eq!(p.unreserved_templates().count(), 0);
    let rules: Vec<_> = p.warnings().iter().filter_map(|w| w.rule()).collect();
    assert_eq!(rules, ["duitnow.pfi_02", "duitnow.primitive_82"]);
    let map = p.field_map();
    assert!(
        matches!(map.get("82"), Some(FieldValue::Text(t)) if t == "7FFC1AC00E99EA2D7A0D7BB79755736A")
    );
    let rebuilt = PayloadBuilder::from_field_map(&map)
        .expect("a field map")
        .build()
        .expect("the builder accepts what the decoder accepts");
    assert_eq!(rebuilt.as_str(), GINTELL);
    // Pedantic: 82 is a template, and the digest breaks its structure (reported before the
    // rules, so before PFI 02).
    let e = Payload::parse_with(GINTELL, &DecodeOptions::pedantic()).unwrap_err();
    assert_eq!(
        (e.code(), e.path().to_string()),
        ("invalid_id", "82".to_string())
    );
}
