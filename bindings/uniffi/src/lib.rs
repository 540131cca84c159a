//! The `emvqr` crate for Kotlin and Swift (and Python) through UniFFI: decode, scan, route and
//! the generators, over the crate's public API only. The interface is read from this compiled
//! library by `uniffi-bindgen generate --library`; `generated/` holds the Kotlin and Swift
//! sources it writes.

use std::collections::HashMap;

use emvqr::route::decide;
use emvqr::scan::scan_with;
use emvqr::{DecodeOptions, Payload, Registry, RoutingTable};

uniffi::setup_scaffolding!();

/// An error or warning: what (`code`), where (character `offset`, data-object `path`), the
/// scheme rule it comes from, and a message.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Finding {
    pub code: String,
    pub offset: u64,
    pub path: String,
    pub rule: Option<String>,
    pub message: String,
}

/// One data object of a payload: its ID, its value, and for a template its sub-objects.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Field {
    pub id: String,
    pub value: String,
    pub subs: Vec<Field>,
}

/// A valid merchant-presented payload: the scheme recognised (profile ids joined by `+`), the
/// merchant, the amount and currency, every data object, and the warnings.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Decoded {
    pub scheme: Option<String>,
    pub merchant_name: Option<String>,
    pub merchant_city: Option<String>,
    pub amount: Option<String>,
    pub currency: Option<String>,
    pub fields: Vec<Field>,
    pub warnings: Vec<Finding>,
}

/// What a scanned text is (`mpm`, `cpm`, `url`, `paycode`, `unknown`, `ambiguous`) and the
/// providers it names.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Scanned {
    pub kind: String,
    pub providers: Vec<String>,
}

/// How a wallet pays a scanned code: the provider and route, or why not.
#[derive(Debug, Clone, PartialEq, Eq, uniffi::Record)]
pub struct Routed {
    pub payable: bool,
    pub provider: Option<String>,
    pub via: Option<String>,
    pub note: Option<String>,
    pub reason: Option<String>,
}

/// Why a call was refused.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error, uniffi::Error)]
pub enum EmvqrError {
    /// The payload breaks a rule: the decoder's error.
    #[error("{message}")]
    Invalid {
        code: String,
        offset: u64,
        path: String,
        rule: Option<String>,
        message: String,
    },
    /// A generator's input is refused: which input, and why.
    #[error("{input}: {message}")]
    Input { input: String, message: String },
    /// No embedded routing table for this wallet.
    #[error("no embedded routing table for wallet {wallet}")]
    UnknownWallet { wallet: String },
}

fn offset(n: usize) -> u64 {
    u64::try_from(n).unwrap_or(u64::MAX)
}

fn finding(w: &emvqr::Warning) -> Finding {
    Finding {
        code: w.code().to_owned(),
        offset: offset(w.offset()),
        path: w.path().to_string(),
        rule: w.rule().map(str::to_owned),
        message: w.to_string(),
    }
}

impl From<emvqr::Error> for EmvqrError {
    fn from(e: emvqr::Error) -> EmvqrError {
        EmvqrError::Invalid {
            code: e.code().to_owned(),
            offset: offset(e.offset()),
            path: e.path().to_string(),
            rule: e.rule().map(str::to_owned),
            message: e.to_string(),
        }
    }
}

/// Decodes and validates a merchant-presented payload under the default options.
#[uniffi::export]
pub fn decode(payload: String) -> Result<Decoded, EmvqrError> {
    let p = Payload::parse_with(&payload, &DecodeOptions::default())?;
    let profiles = p.profiles();
    let fields = p
        .objects()
        .map(|o| Field {
            id: format!("{:02}", o.id),
            value: o.value.to_owned(),
            subs: p.template(o.id).map_or_else(Vec::new, |t| {
                t.fields()
                    .map(|s| Field {
                        id: format!("{:02}", s.id),
                        value: s.value.to_owned(),
                        subs: Vec::new(),
                    })
                    .collect()
            }),
        })
        .collect();
    Ok(Decoded {
        scheme: (!profiles.is_empty()).then(|| profiles.to_string()),
        merchant_name: p.merchant_name().map(str::to_owned),
        merchant_city: p.merchant_city().map(str::to_owned),
        amount: p.amount().map(|a| a.as_str().to_owned()),
        currency: p.currency().map(|c| c.alpha().to_owned()),
        fields,
        warnings: p.warnings().iter().map(finding).collect(),
    })
}

/// Classifies a scanned text and lists the providers it names.
#[uniffi::export]
pub fn scan(text: String) -> Scanned {
    let s = scan_with(&Registry::embedded(), &text, &DecodeOptions::default());
    let mut providers: Vec<String> = Vec::new();
    for c in s.candidates() {
        if !providers.iter().any(|p| p == c.provider) {
            providers.push(c.provider.to_owned());
        }
    }
    Scanned {
        kind: s.kind().code().to_owned(),
        providers,
    }
}

/// How the embedded wallet `wallet` (`pix`, `promptpay`, `unionpay`, `tenpay`, `alipay`...)
/// pays a scanned text.
#[uniffi::export]
pub fn route(text: String, wallet: String) -> Result<Routed, EmvqrError> {
    let table = RoutingTable::embedded(&wallet).ok_or(EmvqrError::UnknownWallet {
        wallet: wallet.clone(),
    })?;
    let d = decide(
        scan_with(&Registry::embedded(), &text, &DecodeOptions::default()),
        &table,
    );
    Ok(match d.route() {
        Some(r) => Routed {
            payable: true,
            provider: Some(r.provider.to_owned()),
            via: Some(r.via.to_owned()),
            note: Some(r.note.to_owned()),
            reason: None,
        },
        None => Routed {
            payable: false,
            provider: None,
            via: None,
            note: None,
            reason: d.refusal().map(|r| r.words().to_owned()),
        },
    })
}

/// A scheme's code from named inputs, as `emvqr new SCHEME --INPUT VALUE` takes them
/// (`emvqr::new::from_inputs`).
#[uniffi::export]
pub fn new_code(scheme: String, inputs: HashMap<String, String>) -> Result<String, EmvqrError> {
    emvqr::new::from_inputs(&scheme, |name| inputs.get(name).map(String::as_str))
        .map(|code| code.as_str().to_owned())
        .map_err(|e| EmvqrError::Input {
            input: e.input().to_owned(),
            message: e.message().to_owned(),
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";

    #[test]
    fn the_interface_answers_as_the_crate_does() {
        let d = decode(PIX.to_owned()).unwrap();
        assert_eq!(d.scheme.as_deref(), Some("pix"));
        assert_eq!(
            d.fields[1].subs[1].value,
            "123e4567-e12b-12d1-a456-426655440000"
        );
        let stale = PIX.replace("1D3D", "1D3E");
        assert!(
            matches!(decode(stale), Err(EmvqrError::Invalid { code, offset: 133, .. }) if code == "crc_mismatch")
        );
        assert_eq!(scan(PIX.to_owned()).providers, ["pix"]);
        assert!(route(PIX.to_owned(), "pix".to_owned()).unwrap().payable);
        let inputs = HashMap::from([("phone".to_owned(), "12345".to_owned())]);
        assert!(
            matches!(new_code("promptpay".to_owned(), inputs), Err(EmvqrError::Input { input, .. }) if input == "phone")
        );
    }
}
