//! One-call generators: a scheme's merchant-presented code from the inputs its users know (a
//! Pix key, a Thai mobile number, a bank and an account), with the scheme's identifiers,
//! templates, currency and country filled in (feature `alloc`).
//!
//! Each generator checks its inputs in the scheme's own words first (`phone: a Thai mobile
//! number has 10 digits starting with 0`), then builds the payload with [`PayloadBuilder`]
//! under the scheme's profile, so that every rule the decoder applies (EMVCo's and the
//! scheme's) holds for what it returns; a refusal names the input it comes from.
//!
//! | generator | scheme | account |
//! | --- | --- | --- |
//! | [`Pix`] | Pix (Brazil) | a key, or a location URL (dynamic) |
//! | [`PromptPay`] | PromptPay and Thai bill payment | mobile, national ID, e-wallet, biller |
//! | [`PayNow`] | PayNow (Singapore) | mobile or UEN |
//! | [`VietQr`] | VietQR / NAPAS 247 | bank BIN and account or card |
//! | [`qris_dynamic`] | QRIS (Indonesia) | a static QRIS code given an amount |
//! | [`Khqr`] | KHQR / Bakong (Cambodia) | individual or merchant account |
//! | [`DuitNow`] | DuitNow (Malaysia) | acquirer and merchant ID |
//! | [`Fps`] | FPS (Hong Kong) | FPS ID, mobile or e-mail |
//! | [`Upi`] | UPI (India) | VPA |
//! | [`unified`] | China's unified merchant code | UnionPay, Tenpay and Alipay accounts |
//!
//! # Examples
//! ```
//! use emvqr::new::Pix;
//! let code = Pix::key("fulano@example.com", "FULANO DE TAL", "BRASILIA").amount("10.50").build()?;
//! let p = code.as_payload();
//! assert!(p.profiles().contains(emvqr::Profile::Pix));
//! assert_eq!(p.amount().map(|a| a.as_str()), Some("10.50"));
//!
//! let e = Pix::key("12345", "FULANO DE TAL", "BRASILIA").build().unwrap_err();
//! assert_eq!(e.input(), "key");
//! # Ok::<(), emvqr::new::NewError>(())
//! ```

use alloc::borrow::ToOwned as _;
use alloc::format;
use alloc::string::{String, ToString as _};
use core::fmt;

use crate::knowledge::profiles::{Profile, Rule};
use crate::policy::unified::{Merchant, UnifiedAccounts, unified_builder};
use crate::views::owned::{PayloadBuf, PayloadBuilder};
use crate::views::profile::grammar::digits;
use crate::wire::error::Error;

/// Why a generator refused its inputs: which input, and what is wrong with it.
///
/// # Examples
/// ```
/// use emvqr::new::PromptPay;
/// let e = PromptPay::phone("12345").build().unwrap_err();
/// assert_eq!(e.to_string(), "phone: a Thai mobile number has 10 digits starting with 0");
/// assert!(e.error().is_none()); // refused before anything was built
/// ```
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewError {
    input: &'static str,
    message: String,
    error: Option<Error>,
}

impl NewError {
    fn new(input: &'static str, message: impl Into<String>) -> NewError {
        NewError {
            input,
            message: message.into(),
            error: None,
        }
    }

    /// The input at fault, as the command line names its flag (`phone` for `--phone`).
    #[must_use]
    pub fn input(&self) -> &'static str {
        self.input
    }

    /// What is wrong with it, in the scheme's words.
    #[must_use]
    pub fn message(&self) -> &str {
        &self.message
    }

    /// The decoder's error when the built payload was refused (its code, offset, path and
    /// rule); `None` when the input was refused before anything was built.
    #[must_use]
    pub fn error(&self) -> Option<&Error> {
        self.error.as_ref()
    }
}

impl fmt::Display for NewError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}: {}", self.input, self.message)
    }
}

impl core::error::Error for NewError {}

/// `Err` for `input` unless `ok`.
fn check(ok: bool, input: &'static str, message: &str) -> Result<(), NewError> {
    if ok {
        Ok(())
    } else {
        Err(NewError::new(input, message))
    }
}

/// The amount, and the static or dynamic initiation it implies (a code with an amount is for
/// one payment).
fn with_amount(b: PayloadBuilder, amount: Option<&str>) -> PayloadBuilder {
    match amount {
        Some(a) => b.dynamic().amount(a),
        None => b.static_code(),
    }
}

/// Builds under `profile`; a refusal is reported against the input whose data object it names
/// (`inputs`: path prefix and input, the first that matches), in words for its code.
fn finish(
    b: PayloadBuilder,
    profile: Option<Profile>,
    inputs: &[(&str, &'static str)],
) -> Result<PayloadBuf, NewError> {
    let b = match profile {
        Some(profile) => b.profile(profile),
        None => b,
    };
    b.build().map_err(|e| {
        let path = e.path().to_string();
        let input = inputs
            .iter()
            .find(|(prefix, _)| {
                path == *prefix
                    || path
                        .strip_prefix(prefix)
                        .is_some_and(|r| r.starts_with('.'))
            })
            .map_or("payload", |&(_, input)| input);
        NewError {
            input,
            message: words(&e),
            error: Some(e),
        }
    })
}

/// A decoder error in words for the input it falls on.
fn words(e: &Error) -> String {
    if let Some(rule) = e.rule().and_then(Rule::from_id) {
        return rule.summary().to_owned();
    }
    match e.code() {
        "invalid_amount" => {
            "an amount is digits with at most one '.' and the currency's decimals (10, 10.5, \
             10.50), not zero"
                .to_owned()
        }
        "field_too_long" => "too long for its place in the code".to_owned(),
        "invalid_charset" | "invalid_format" => {
            "holds a character its place in the code does not allow".to_owned()
        }
        "zero_length" | "missing_mandatory" => "is needed".to_owned(),
        "blank_name" => "a name must show something: not only spaces".to_owned(),
        _ => e.to_string(),
    }
}

/// The merchant name and city every generator may take: the name is at most 25 characters,
/// the city at most 15 (EMVCo's limits).
fn place(b: PayloadBuilder, name: &str, city: &str) -> Result<PayloadBuilder, NewError> {
    check(
        (1..=25).contains(&name.chars().count()),
        "name",
        "a merchant name has 1 to 25 characters",
    )?;
    check(
        (1..=15).contains(&city.chars().count()),
        "city",
        "a city has 1 to 15 characters",
    )?;
    Ok(b.merchant_name(name).merchant_city(city))
}

// ---------------------------------------------------------------------------------------------
// Pix

/// A Pix code (Banco Central do Brasil): static with a key, or dynamic with the location URL
/// of a charge. Currency BRL, country BR, category 0000.
///
/// # Examples
/// ```
/// use emvqr::new::Pix;
/// // The key may be an e-mail, a +55 phone, a CPF, a CNPJ or a random key (UUID).
/// let code = Pix::key("+5561912345678", "FULANO DE TAL", "BRASILIA")
///     .txid("PEDIDO123")
///     .description("Pedido 123")
///     .build()?;
/// assert_eq!(code.as_payload().template(26).and_then(|t| t.get(2)), Some("Pedido 123"));
///
/// let charge = Pix::dynamic("pix.example.com/qr/v2/9d36b84f", "FULANO DE TAL", "BRASILIA").build()?;
/// assert_eq!(charge.as_payload().additional_data().and_then(|t| t.get(5)), Some("***"));
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Pix<'a> {
    key: Option<&'a str>,
    url: Option<&'a str>,
    name: &'a str,
    city: &'a str,
    amount: Option<&'a str>,
    txid: Option<&'a str>,
    description: Option<&'a str>,
}

impl<'a> Pix<'a> {
    /// A static code paying the Pix key `key`.
    #[must_use]
    pub fn key(key: &'a str, name: &'a str, city: &'a str) -> Pix<'a> {
        Pix {
            key: Some(key),
            url: None,
            name,
            city,
            amount: None,
            txid: None,
            description: None,
        }
    }

    /// A dynamic code: the payer's wallet fetches the charge at `url` (without `https://`);
    /// the txid is `***`.
    #[must_use]
    pub fn dynamic(url: &'a str, name: &'a str, city: &'a str) -> Pix<'a> {
        Pix {
            url: Some(url),
            key: None,
            ..Pix::key("", name, city)
        }
    }

    /// The amount (`10`, `10.50`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> Pix<'a> {
        Pix {
            amount: Some(amount),
            ..self
        }
    }

    /// The transaction ID of a static code (letters and digits, at most 25; `***` when
    /// absent).
    #[must_use]
    pub fn txid(self, txid: &'a str) -> Pix<'a> {
        Pix {
            txid: Some(txid),
            ..self
        }
    }

    /// A message to the payer (26.02).
    #[must_use]
    pub fn description(self, text: &'a str) -> Pix<'a> {
        Pix {
            description: Some(text),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `key` (not a Pix key), `url`, `txid`, `name`, `city`, `amount`,
    /// `description`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        if let Some(txid) = self.txid {
            check(
                (1..=25).contains(&txid.len()) && txid.bytes().all(|b| b.is_ascii_alphanumeric()),
                "txid",
                "a Pix txid is 1 to 25 letters and digits",
            )?;
            check(
                self.url.is_none(),
                "txid",
                "a dynamic Pix code's txid is ***",
            )?;
        }
        if let Some(url) = self.url {
            check(
                !url.contains("://"),
                "url",
                "a Pix location URL is written without its scheme (no https://)",
            )?;
        }
        let mut fields = alloc::vec::Vec::new();
        if let Some(key) = self.key {
            fields.push((1, key));
        }
        if let Some(d) = self.description {
            fields.push((2, d));
        }
        if let Some(url) = self.url {
            fields.push((25, url));
        }
        let b = PayloadBuilder::new()
            .merchant_template(26, "br.gov.bcb.pix", &fields)
            .merchant_category_code("0000")
            .currency("986")
            .country("BR")
            .additional_data(5, self.txid.unwrap_or("***"));
        // A charge's code without an amount leaves out 01, as published dynamic codes do (the
        // amount is at the URL; 12 without 54 would draw `dynamic_without_amount`).
        let b = match (self.url, self.amount) {
            (Some(_), None) => b,
            (_, a) => with_amount(b, a),
        };
        finish(
            place(b, self.name, self.city)?,
            Some(Profile::Pix),
            &[
                ("26.01", "key"),
                ("26.02", "description"),
                ("26.25", "url"),
                ("26", if self.url.is_some() { "url" } else { "key" }),
                ("54", "amount"),
                ("59", "name"),
                ("60", "city"),
                ("62.05", "txid"),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// PromptPay and Thai bill payment

/// The account a PromptPay code pays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Proxy<'a> {
    Phone(&'a str),
    NationalId(&'a str),
    Ewallet(&'a str),
    Biller {
        id: &'a str,
        reference1: &'a str,
        reference2: Option<&'a str>,
    },
}

/// A Thai QR payment code: PromptPay to a mobile number, national ID or tax ID, or e-wallet,
/// or a bill payment to a biller. Currency THB, country TH.
///
/// # Examples
/// ```
/// use emvqr::new::PromptPay;
/// let code = PromptPay::phone("081-234-5678").amount("150.00").build()?;
/// assert_eq!(code.as_payload().template(29).and_then(|t| t.get(1)), Some("0066812345678"));
///
/// let bill = PromptPay::biller("099999999999990", "CUSTOMER001").reference2("INV001").build()?;
/// assert!(bill.as_payload().profiles().contains(emvqr::Profile::ThaiBillPay));
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PromptPay<'a> {
    proxy: Proxy<'a>,
    amount: Option<&'a str>,
}

impl<'a> PromptPay<'a> {
    /// To a Thai mobile number: 10 digits starting with 0 (`0812345678`, dashes and spaces
    /// allowed), or the same with +66 instead of the 0.
    #[must_use]
    pub fn phone(number: &'a str) -> PromptPay<'a> {
        PromptPay {
            proxy: Proxy::Phone(number),
            amount: None,
        }
    }

    /// To a national ID or tax ID: 13 digits.
    #[must_use]
    pub fn national_id(id: &'a str) -> PromptPay<'a> {
        PromptPay {
            proxy: Proxy::NationalId(id),
            amount: None,
        }
    }

    /// To an e-wallet ID: 15 digits.
    #[must_use]
    pub fn ewallet(id: &'a str) -> PromptPay<'a> {
        PromptPay {
            proxy: Proxy::Ewallet(id),
            amount: None,
        }
    }

    /// A bill payment: the biller ID (13 or 15 digits) and the first reference.
    #[must_use]
    pub fn biller(id: &'a str, reference1: &'a str) -> PromptPay<'a> {
        PromptPay {
            proxy: Proxy::Biller {
                id,
                reference1,
                reference2: None,
            },
            amount: None,
        }
    }

    /// The second reference of a bill payment (ignored otherwise).
    #[must_use]
    pub fn reference2(self, reference: &'a str) -> PromptPay<'a> {
        match self.proxy {
            Proxy::Biller { id, reference1, .. } => PromptPay {
                proxy: Proxy::Biller {
                    id,
                    reference1,
                    reference2: Some(reference),
                },
                ..self
            },
            _ => self,
        }
    }

    /// The amount (`150`, `150.00`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> PromptPay<'a> {
        PromptPay {
            amount: Some(amount),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `phone`, `national-id`, `ewallet`, `biller`, `ref1`, `ref2` or
    /// `amount`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        let b = PayloadBuilder::new().currency("764").country("TH");
        let b = with_amount(b, self.amount);
        let (b, profile, inputs): (_, _, &[(&str, &'static str)]) = match self.proxy {
            Proxy::Phone(number) => {
                let local: String = number.chars().filter(|c| !matches!(c, ' ' | '-')).collect();
                let national = local
                    .strip_prefix("+66")
                    .or_else(|| local.strip_prefix('0'))
                    .filter(|n| n.len() == 9 && digits(n));
                let Some(national) = national else {
                    return Err(NewError::new(
                        "phone",
                        "a Thai mobile number has 10 digits starting with 0",
                    ));
                };
                let proxy = format!("0066{national}");
                (
                    b.merchant_template(29, "A000000677010111", &[(1, &proxy)]),
                    Profile::PromptPay,
                    &[("29", "phone"), ("54", "amount")],
                )
            }
            Proxy::NationalId(id) => {
                check(
                    id.len() == 13 && digits(id),
                    "national-id",
                    "a Thai national ID or tax ID has 13 digits",
                )?;
                (
                    b.merchant_template(29, "A000000677010111", &[(2, id)]),
                    Profile::PromptPay,
                    &[("29", "national-id"), ("54", "amount")],
                )
            }
            Proxy::Ewallet(id) => {
                check(
                    id.len() == 15 && digits(id),
                    "ewallet",
                    "a PromptPay e-wallet ID has 15 digits",
                )?;
                (
                    b.merchant_template(29, "A000000677010111", &[(3, id)]),
                    Profile::PromptPay,
                    &[("29", "ewallet"), ("54", "amount")],
                )
            }
            Proxy::Biller {
                id,
                reference1,
                reference2,
            } => {
                check(
                    (id.len() == 13 || id.len() == 15) && digits(id),
                    "biller",
                    "a biller ID has 15 digits (a tax ID and a 2-digit suffix), or 13",
                )?;
                let mut fields = alloc::vec![(1, id), (2, reference1)];
                if let Some(r) = reference2 {
                    fields.push((3, r));
                }
                (
                    b.merchant_template(30, "A000000677010112", &fields),
                    Profile::ThaiBillPay,
                    &[
                        ("30.01", "biller"),
                        ("30.02", "ref1"),
                        ("30.03", "ref2"),
                        ("54", "amount"),
                    ],
                )
            }
        };
        finish(b, Some(profile), inputs)
    }
}

// ---------------------------------------------------------------------------------------------
// PayNow

/// A PayNow code (Singapore): to a mobile number or a company's UEN. Currency SGD, country SG,
/// category 0000.
///
/// # Examples
/// ```
/// use emvqr::new::PayNow;
/// let code = PayNow::uen("201403121W", "ACME PTE LTD", "Singapore").amount("10.00").build()?;
/// assert_eq!(code.as_payload().template(26).and_then(|t| t.get(2)), Some("201403121W"));
/// let e = PayNow::mobile("91234567", "ACME", "Singapore").build().unwrap_err();
/// assert_eq!(e.input(), "mobile");
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PayNow<'a> {
    proxy_type: &'static str,
    proxy: &'a str,
    name: &'a str,
    city: &'a str,
    amount: Option<&'a str>,
    editable: bool,
    expiry: Option<&'a str>,
}

impl<'a> PayNow<'a> {
    /// To a mobile number written with its country code, `+65` and 8 digits.
    #[must_use]
    pub fn mobile(number: &'a str, name: &'a str, city: &'a str) -> PayNow<'a> {
        PayNow {
            proxy_type: "0",
            proxy: number,
            name,
            city,
            amount: None,
            editable: false,
            expiry: None,
        }
    }

    /// To a Unique Entity Number (letters and digits, at most 13).
    #[must_use]
    pub fn uen(uen: &'a str, name: &'a str, city: &'a str) -> PayNow<'a> {
        PayNow {
            proxy_type: "2",
            ..PayNow::mobile(uen, name, city)
        }
    }

    /// The amount (`10`, `10.50`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> PayNow<'a> {
        PayNow {
            amount: Some(amount),
            ..self
        }
    }

    /// Lets the payer change the amount.
    #[must_use]
    pub fn editable(self) -> PayNow<'a> {
        PayNow {
            editable: true,
            ..self
        }
    }

    /// The last day the code can be paid, `YYYYMMDD`.
    #[must_use]
    pub fn expiry(self, date: &'a str) -> PayNow<'a> {
        PayNow {
            expiry: Some(date),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `mobile` or `uen`, `expiry`, `name`, `city` or `amount`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        let input = if self.proxy_type == "0" {
            check(
                self.proxy
                    .strip_prefix("+65")
                    .is_some_and(|n| n.len() == 8 && digits(n)),
                "mobile",
                "a Singapore mobile number is +65 and 8 digits",
            )?;
            "mobile"
        } else {
            check(
                (1..=13).contains(&self.proxy.len())
                    && self.proxy.bytes().all(|b| b.is_ascii_alphanumeric()),
                "uen",
                "a UEN is at most 13 letters and digits",
            )?;
            "uen"
        };
        let mut fields = alloc::vec![
            (1, self.proxy_type),
            (2, self.proxy),
            (3, if self.editable { "1" } else { "0" })
        ];
        if let Some(date) = self.expiry {
            fields.push((4, date));
        }
        let b = PayloadBuilder::new()
            .merchant_template(26, "SG.PAYNOW", &fields)
            .merchant_category_code("0000")
            .currency("702")
            .country("SG");
        finish(
            place(with_amount(b, self.amount), self.name, self.city)?,
            Some(Profile::PayNow),
            &[
                ("26.04", "expiry"),
                ("26", input),
                ("54", "amount"),
                ("59", "name"),
                ("60", "city"),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// VietQR

/// Short names of ten large Vietnamese banks and their NAPAS BINs, for [`VietQr::new`]: the
/// short names and BINs of the VietQR service's bank list (`api.vietqr.io/v2/banks`, fields
/// `shortName` and `bin`), each BIN checked in at least two public VietQR integrations. Any
/// other bank is given by its six-digit BIN.
pub const VIETQR_BANKS: &[(&str, &str)] = &[
    ("ACB", "970416"),
    ("AGRIBANK", "970405"),
    ("BIDV", "970418"),
    ("MB", "970422"),
    ("SACOMBANK", "970403"),
    ("TECHCOMBANK", "970407"),
    ("TPBANK", "970423"),
    ("VIETCOMBANK", "970436"),
    ("VIETINBANK", "970415"),
    ("VPBANK", "970432"),
];

/// A VietQR code (NAPAS 247 transfer): to an account or a card at a bank. Currency VND,
/// country VN.
///
/// # Examples
/// ```
/// use emvqr::new::VietQr;
/// let code = VietQr::new("vietcombank", "0011012345678").amount("50000").purpose("thanh toan").build()?;
/// let beneficiary = code.as_payload().template(38).and_then(|t| t.get(1));
/// assert_eq!(beneficiary, Some("000697043601130011012345678"));
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct VietQr<'a> {
    bank: &'a str,
    account: &'a str,
    card: bool,
    amount: Option<&'a str>,
    purpose: Option<&'a str>,
}

impl<'a> VietQr<'a> {
    /// To `account` at `bank`: a six-digit BIN or a short name of [`VIETQR_BANKS`] (any case).
    #[must_use]
    pub fn new(bank: &'a str, account: &'a str) -> VietQr<'a> {
        VietQr {
            bank,
            account,
            card: false,
            amount: None,
            purpose: None,
        }
    }

    /// The number is a card's, not an account's.
    #[must_use]
    pub fn card(self) -> VietQr<'a> {
        VietQr { card: true, ..self }
    }

    /// The amount in dong (`50000`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> VietQr<'a> {
        VietQr {
            amount: Some(amount),
            ..self
        }
    }

    /// The purpose of the transfer (62.08).
    #[must_use]
    pub fn purpose(self, text: &'a str) -> VietQr<'a> {
        VietQr {
            purpose: Some(text),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `bank` (neither a BIN nor a known short name), `account`, `amount`
    /// or `purpose`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        let bin = if self.bank.len() == 6 && digits(self.bank) {
            self.bank
        } else {
            VIETQR_BANKS
                .iter()
                .find(|(name, _)| name.eq_ignore_ascii_case(self.bank))
                .map(|&(_, bin)| bin)
                .ok_or_else(|| {
                    NewError::new(
                        "bank",
                        "a bank is its six-digit NAPAS BIN or a short name such as VIETCOMBANK",
                    )
                })?
        };
        check(
            (1..=19).contains(&self.account.len())
                && self.account.bytes().all(|b| b.is_ascii_alphanumeric()),
            "account",
            "an account or card number is 1 to 19 letters and digits",
        )?;
        // 01 is itself a template: 00 the BIN, 01 the account or card.
        let beneficiary = format!("0006{bin}01{:02}{}", self.account.len(), self.account);
        let service = if self.card { "QRIBFTTC" } else { "QRIBFTTA" };
        let b = PayloadBuilder::new()
            .merchant_template(38, "A000000727", &[(1, &beneficiary), (2, service)])
            .currency("704")
            .country("VN");
        let b = match self.purpose {
            Some(p) => b.additional_data(8, p),
            None => b,
        };
        finish(
            with_amount(b, self.amount),
            Some(Profile::VietQr),
            &[("38", "account"), ("54", "amount"), ("62", "purpose")],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// QRIS

/// A dynamic QRIS code from a merchant's static one: the same code for one payment of
/// `amount` rupiah (`01` becomes `12`, `54` is set, the CRC is computed again). This is what
/// a till does with the static code printed at the counter.
///
/// # Errors
/// `from`: not a valid QRIS code, or already dynamic; `amount`: not an amount.
///
/// # Examples
/// ```
/// use emvqr::PayloadBuilder;
/// use emvqr::new::qris_dynamic;
/// // The static code printed at the counter: a PJSP's template (26) and the central
/// // repository's (51).
/// let printed = PayloadBuilder::new()
///     .static_code()
///     .merchant_template(26, "COM.GO-JEK.WWW", &[(1, "936009143000000012"), (3, "UMI")])
///     .merchant_template(51, "ID.CO.QRIS.WWW", &[(2, "ID1020021181745"), (3, "UMI")])
///     .merchant_category_code("5812")
///     .currency("360")
///     .country("ID")
///     .merchant_name("WARUNG MAKAN")
///     .merchant_city("JAKARTA")
///     .build()?;
/// let code = qris_dynamic(printed.as_str(), "25000")?;
/// let p = code.as_payload();
/// assert_eq!(p.amount().map(|a| a.as_str()), Some("25000"));
/// assert_eq!(p.merchant_name(), Some("WARUNG MAKAN"));
/// # Ok::<(), Box<dyn std::error::Error>>(())
/// ```
pub fn qris_dynamic(from: &str, amount: &str) -> Result<PayloadBuf, NewError> {
    let printed = PayloadBuf::parse(from).map_err(|e| NewError {
        input: "from",
        message: format!("not a valid QRIS code: {e}"),
        error: Some(e),
    })?;
    let p = printed.as_payload();
    check(
        p.profiles().contains(Profile::Qris),
        "from",
        "not a QRIS code (no QRIS merchant account template)",
    )?;
    check(
        p.get(1) != Some("12"),
        "from",
        "already a dynamic code (01 is 12)",
    )?;
    let b = PayloadBuilder::from_field_map(&p.field_map()).map_err(|e| NewError {
        input: "from",
        message: e.to_string(),
        error: Some(e),
    })?;
    finish(
        b.dynamic().amount(amount),
        Some(Profile::Qris),
        &[("54", "amount")],
    )
}

// ---------------------------------------------------------------------------------------------
// KHQR

/// A KHQR code (Bakong, Cambodia): to an individual's Bakong account (29) or a merchant's (30).
/// Currency KHR (or USD with [`usd`](Khqr::usd)), country KH. A code with an amount is for one
/// payment and carries its creation and expiration times (template 99), as the Bakong SDKs
/// write them.
///
/// # Examples
/// ```
/// use emvqr::new::Khqr;
/// let code = Khqr::individual("john_smith@devb", "John Smith", "Phnom Penh").build()?;
/// assert!(code.as_payload().profiles().contains(emvqr::Profile::Khqr));
///
/// let shop = Khqr::merchant("coffee_shop@aclb", "123456", "ACLEDA Bank", "Coffee Shop", "Phnom Penh")
///     .usd()
///     .amount("2.50", "1700000000000", "1700000600000")
///     .build()?;
/// assert_eq!(shop.as_payload().currency().map(|c| c.alpha()), Some("USD"));
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Khqr<'a> {
    account: &'a str,
    merchant: Option<(&'a str, &'a str)>,
    name: &'a str,
    city: &'a str,
    usd: bool,
    amount: Option<(&'a str, &'a str, &'a str)>,
}

impl<'a> Khqr<'a> {
    /// To an individual's Bakong account ID (`name@bank`).
    #[must_use]
    pub fn individual(account: &'a str, name: &'a str, city: &'a str) -> Khqr<'a> {
        Khqr {
            account,
            merchant: None,
            name,
            city,
            usd: false,
            amount: None,
        }
    }

    /// To a merchant's Bakong account ID, with its merchant ID and acquiring bank.
    #[must_use]
    pub fn merchant(
        account: &'a str,
        merchant_id: &'a str,
        bank: &'a str,
        name: &'a str,
        city: &'a str,
    ) -> Khqr<'a> {
        Khqr {
            merchant: Some((merchant_id, bank)),
            ..Khqr::individual(account, name, city)
        }
    }

    /// In US dollars instead of riel.
    #[must_use]
    pub fn usd(self) -> Khqr<'a> {
        Khqr { usd: true, ..self }
    }

    /// A code for one payment of `amount`, created at `created_ms` and payable until
    /// `expires_ms` (milliseconds since 1970, 13 digits).
    #[must_use]
    pub fn amount(self, amount: &'a str, created_ms: &'a str, expires_ms: &'a str) -> Khqr<'a> {
        Khqr {
            amount: Some((amount, created_ms, expires_ms)),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `account`, `merchant-id`, `bank`, `name`, `city`, `amount`,
    /// `created` or `expires`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        check(
            self.account
                .split_once('@')
                .is_some_and(|(user, bank)| !user.is_empty() && !bank.is_empty()),
            "account",
            "a Bakong account ID is written name@bank",
        )?;
        let mut b = PayloadBuilder::new()
            .merchant_category_code("5999")
            .currency(if self.usd { "840" } else { "116" })
            .country("KH");
        // An individual's account in 29, a merchant's in 30 with its ID and bank.
        b = match self.merchant {
            None => b.template_field(29, 0, self.account),
            Some((merchant_id, bank)) => b
                .template_field(30, 0, self.account)
                .template_field(30, 1, merchant_id)
                .template_field(30, 2, bank),
        };
        if let Some((amount, created, expires)) = self.amount {
            for (input, stamp) in [("created", created), ("expires", expires)] {
                check(
                    stamp.len() == 13 && digits(stamp),
                    input,
                    "a time is milliseconds since 1970, 13 digits",
                )?;
            }
            check(
                created < expires,
                "expires",
                "the code must expire after it is created",
            )?;
            b = b
                .dynamic()
                .amount(amount)
                .template_field(99, 0, created)
                .template_field(99, 1, expires);
        } else {
            b = b.static_code();
        }
        finish(
            place(b, self.name, self.city)?,
            Some(Profile::Khqr),
            &[
                ("29", "account"),
                ("30.01", "merchant-id"),
                ("30.02", "bank"),
                ("30", "account"),
                ("54", "amount"),
                ("59", "name"),
                ("60", "city"),
                ("99", "expires"),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// DuitNow

/// A DuitNow QR code (PayNet, Malaysia): the acquirer's ID and the merchant's ID at it.
/// Currency MYR, country MY.
///
/// # Examples
/// ```
/// use emvqr::new::DuitNow;
/// let code = DuitNow::new("890053", "0000000000123456", "KEDAI RUNCIT", "KUALA LUMPUR").build()?;
/// assert!(code.as_payload().profiles().contains(emvqr::Profile::DuitNow));
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct DuitNow<'a> {
    acquirer: &'a str,
    merchant_id: &'a str,
    name: &'a str,
    city: &'a str,
    category: &'a str,
    amount: Option<&'a str>,
}

impl<'a> DuitNow<'a> {
    /// At acquirer `acquirer` (6 digits), merchant `merchant_id`; category 5999 unless
    /// [`category`](DuitNow::category) says otherwise.
    #[must_use]
    pub fn new(
        acquirer: &'a str,
        merchant_id: &'a str,
        name: &'a str,
        city: &'a str,
    ) -> DuitNow<'a> {
        DuitNow {
            acquirer,
            merchant_id,
            name,
            city,
            category: "5999",
            amount: None,
        }
    }

    /// The merchant category code (four digits).
    #[must_use]
    pub fn category(self, mcc: &'a str) -> DuitNow<'a> {
        DuitNow {
            category: mcc,
            ..self
        }
    }

    /// The amount (`10.00`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> DuitNow<'a> {
        DuitNow {
            amount: Some(amount),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `acquirer`, `merchant-id`, `category`, `name`, `city` or `amount`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        check(
            self.acquirer.len() == 6 && digits(self.acquirer),
            "acquirer",
            "a DuitNow acquirer ID has 6 digits",
        )?;
        let b = PayloadBuilder::new()
            .merchant_template(
                26,
                "A0000006150001",
                &[(1, self.acquirer), (2, self.merchant_id)],
            )
            .merchant_category_code(self.category)
            .currency("458")
            .country("MY");
        finish(
            place(with_amount(b, self.amount), self.name, self.city)?,
            Some(Profile::DuitNow),
            &[
                ("26.01", "acquirer"),
                ("26", "merchant-id"),
                ("52", "category"),
                ("54", "amount"),
                ("59", "name"),
                ("60", "city"),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// FPS

/// A Faster Payment System code (HKICL, Hong Kong): to an FPS ID, a mobile number or an e-mail
/// address. Currency HKD, country HK, category 0000.
///
/// # Examples
/// ```
/// use emvqr::new::Fps;
/// let code = Fps::mobile("+852-91234567", "ACME LTD", "HONG KONG").amount("88.00").build()?;
/// assert!(code.as_payload().profiles().contains(emvqr::Profile::Fps));
/// let e = Fps::id("123", "ACME LTD", "HONG KONG").build().unwrap_err();
/// assert_eq!(e.input(), "id");
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fps<'a> {
    sub: u8,
    proxy: &'a str,
    name: &'a str,
    city: &'a str,
    amount: Option<&'a str>,
}

impl<'a> Fps<'a> {
    /// To an FPS ID (7 or 9 digits).
    #[must_use]
    pub fn id(id: &'a str, name: &'a str, city: &'a str) -> Fps<'a> {
        Fps {
            sub: 2,
            proxy: id,
            name,
            city,
            amount: None,
        }
    }

    /// To a mobile number, written `+852-` and 8 digits.
    #[must_use]
    pub fn mobile(number: &'a str, name: &'a str, city: &'a str) -> Fps<'a> {
        Fps {
            sub: 3,
            ..Fps::id(number, name, city)
        }
    }

    /// To an e-mail address.
    #[must_use]
    pub fn email(address: &'a str, name: &'a str, city: &'a str) -> Fps<'a> {
        Fps {
            sub: 4,
            ..Fps::id(address, name, city)
        }
    }

    /// The amount (`88`, `88.00`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> Fps<'a> {
        Fps {
            amount: Some(amount),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `id`, `mobile`, `email`, `name`, `city` or `amount`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        let input = match self.sub {
            2 => {
                check(
                    matches!(self.proxy.len(), 7 | 9) && digits(self.proxy),
                    "id",
                    "an FPS ID has 7 or 9 digits",
                )?;
                "id"
            }
            3 => {
                check(
                    self.proxy
                        .strip_prefix("+852-")
                        .is_some_and(|n| n.len() == 8 && digits(n)),
                    "mobile",
                    "a Hong Kong mobile number is written +852- and 8 digits",
                )?;
                "mobile"
            }
            _ => "email",
        };
        let b = PayloadBuilder::new()
            .merchant_template(26, "hk.com.hkicl", &[(self.sub, self.proxy)])
            .merchant_category_code("0000")
            .currency("344")
            .country("HK");
        finish(
            place(with_amount(b, self.amount), self.name, self.city)?,
            Some(Profile::Fps),
            &[
                ("26", input),
                ("54", "amount"),
                ("59", "name"),
                ("60", "city"),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// UPI

/// A UPI merchant code in the EMV form (BharatQR with the UPI template): to a VPA. Currency
/// INR, country IN.
///
/// # Examples
/// ```
/// use emvqr::new::Upi;
/// let code = Upi::new("merchant@okaxis", "CENTRAL STORES", "New Delhi", "110016").category("5411").build()?;
/// assert_eq!(code.as_payload().template(26).and_then(|t| t.get(1)), Some("merchant@okaxis"));
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Upi<'a> {
    vpa: &'a str,
    name: &'a str,
    city: &'a str,
    postal_code: &'a str,
    category: &'a str,
    amount: Option<&'a str>,
}

impl<'a> Upi<'a> {
    /// To the virtual payment address `vpa` (`name@bank`); the postal code is the merchant's
    /// PIN code (6 digits). Category 5999 unless [`category`](Upi::category) says otherwise.
    #[must_use]
    pub fn new(vpa: &'a str, name: &'a str, city: &'a str, postal_code: &'a str) -> Upi<'a> {
        Upi {
            vpa,
            name,
            city,
            postal_code,
            category: "5999",
            amount: None,
        }
    }

    /// The merchant category code (four digits).
    #[must_use]
    pub fn category(self, mcc: &'a str) -> Upi<'a> {
        Upi {
            category: mcc,
            ..self
        }
    }

    /// The amount (`100`, `100.00`).
    #[must_use]
    pub fn amount(self, amount: &'a str) -> Upi<'a> {
        Upi {
            amount: Some(amount),
            ..self
        }
    }

    /// The code.
    ///
    /// # Errors
    /// The input at fault: `vpa`, `postal-code`, `category`, `name`, `city` or `amount`.
    pub fn build(&self) -> Result<PayloadBuf, NewError> {
        check(
            self.vpa
                .split_once('@')
                .is_some_and(|(user, bank)| !user.is_empty() && !bank.is_empty()),
            "vpa",
            "a VPA is written name@bank",
        )?;
        check(
            self.postal_code.len() == 6 && digits(self.postal_code),
            "postal-code",
            "an Indian PIN code has 6 digits",
        )?;
        let b = PayloadBuilder::new()
            .merchant_template(26, "A000000524", &[(1, self.vpa)])
            .merchant_category_code(self.category)
            .currency("356")
            .country("IN")
            .postal_code(self.postal_code);
        finish(
            place(with_amount(b, self.amount), self.name, self.city)?,
            Some(Profile::Upi),
            &[
                ("26", "vpa"),
                ("52", "category"),
                ("54", "amount"),
                ("59", "name"),
                ("60", "city"),
                ("61", "postal-code"),
            ],
        )
    }
}

// ---------------------------------------------------------------------------------------------
// China's unified merchant code

/// China's unified merchant code, as [`unified_code`](crate::unified::unified_code) builds it,
/// with a refusal named by its input (`unionpay`, `tenpay`, `alipay`, `category`, `name`,
/// `city`).
///
/// # Errors
/// The input at fault.
///
/// # Examples
/// ```
/// use emvqr::unified::{Merchant, UnifiedAccounts};
/// let accounts = UnifiedAccounts { unionpay: "6200000012345678", tenpay: "1900012345", alipay: "https://qr.alipay.com/fkx12345" };
/// let m = Merchant { category_code: "5812", currency: "156", country: "CN", name: "NOODLE HOUSE", city: "SHANGHAI" };
/// assert!(emvqr::new::unified(&accounts, &m).is_ok());
/// let bad = UnifiedAccounts { tenpay: "19000\u{7}12345", ..accounts };
/// assert_eq!(emvqr::new::unified(&bad, &m).unwrap_err().input(), "tenpay");
/// ```
pub fn unified(accounts: &UnifiedAccounts<'_>, m: &Merchant<'_>) -> Result<PayloadBuf, NewError> {
    let b = unified_builder(accounts)
        .static_code()
        .merchant_category_code(m.category_code)
        .currency(m.currency)
        .country(m.country);
    finish(
        place(b, m.name, m.city)?,
        None,
        &[
            ("15", "unionpay"),
            ("26", "tenpay"),
            ("27", "alipay"),
            ("52", "category"),
            ("53", "currency"),
            ("58", "country"),
            ("59", "name"),
            ("60", "city"),
        ],
    )
}

// ---------------------------------------------------------------------------------------------
// By name

/// The schemes [`from_inputs`] knows, by the name `emvqr new` gives them.
pub const SCHEMES: [&str; 10] = [
    "pix",
    "promptpay",
    "paynow",
    "vietqr",
    "qris",
    "khqr",
    "duitnow",
    "fps",
    "upi",
    "unified",
];

/// A code of `scheme` (one of [`SCHEMES`]) from named inputs, as the command line's `emvqr new
/// SCHEME --INPUT VALUE` and the bindings take them: `input("national-id")` gives an input's
/// value, `None` when it is not given; a flag (`editable`, `card`, `usd`) is on when given with
/// any value. A code of KHQR with an `amount` takes its times as `created` and `expires`.
///
/// # Errors
/// The input at fault, `scheme` for a scheme it does not know, or an input that is needed
/// and not given.
///
/// # Examples
/// ```
/// use emvqr::new::from_inputs;
/// let inputs = [("phone", "0812345678"), ("amount", "150.00")];
/// let get = |name: &str| inputs.iter().find(|(n, _)| *n == name).map(|&(_, v)| v);
/// let code = from_inputs("promptpay", get)?;
/// assert!(code.as_payload().profiles().contains(emvqr::Profile::PromptPay));
/// let e = from_inputs("pix", |name| (name == "key").then_some("a@b.co")).unwrap_err();
/// assert_eq!(e.to_string(), "name: is needed");
/// # Ok::<(), emvqr::new::NewError>(())
/// ```
pub fn from_inputs<'a>(
    scheme: &str,
    input: impl Fn(&str) -> Option<&'a str>,
) -> Result<PayloadBuf, NewError> {
    let need = |name: &'static str| input(name).ok_or_else(|| NewError::new(name, "is needed"));
    let flag = |name: &str| input(name).is_some();
    match scheme {
        "pix" => {
            let (name, city) = (need("name")?, need("city")?);
            let mut b = match input("url") {
                Some(url) => Pix::dynamic(url, name, city),
                None => Pix::key(need("key")?, name, city),
            };
            b.amount = input("amount");
            if let Some(t) = input("txid") {
                b = b.txid(t);
            }
            b.description = input("description");
            b.build()
        }
        "promptpay" => {
            let mut b = match (input("phone"), input("national-id"), input("ewallet")) {
                (Some(p), ..) => PromptPay::phone(p),
                (_, Some(id), _) => PromptPay::national_id(id),
                (.., Some(id)) => PromptPay::ewallet(id),
                _ => PromptPay::biller(need("biller")?, need("ref1")?),
            };
            if let Some(r) = input("ref2") {
                b = b.reference2(r);
            }
            b.amount = input("amount");
            b.build()
        }
        "paynow" => {
            let (name, city) = (need("name")?, need("city")?);
            let mut b = match input("mobile") {
                Some(m) => PayNow::mobile(m, name, city),
                None => PayNow::uen(need("uen")?, name, city),
            };
            b.amount = input("amount");
            b.editable = flag("editable");
            b.expiry = input("expiry");
            b.build()
        }
        "vietqr" => {
            let mut b = VietQr::new(need("bank")?, need("account")?);
            b.card = flag("card");
            b.amount = input("amount");
            b.purpose = input("purpose");
            b.build()
        }
        "qris" => qris_dynamic(need("from")?, need("amount")?),
        "khqr" => {
            let (account, name, city) = (need("account")?, need("name")?, need("city")?);
            let mut b = match input("merchant-id") {
                Some(id) => Khqr::merchant(account, id, need("bank")?, name, city),
                None => Khqr::individual(account, name, city),
            };
            b.usd = flag("usd");
            if let Some(a) = input("amount") {
                b = b.amount(a, need("created")?, need("expires")?);
            }
            b.build()
        }
        "duitnow" => {
            let mut b = DuitNow::new(
                need("acquirer")?,
                need("merchant-id")?,
                need("name")?,
                need("city")?,
            );
            if let Some(c) = input("category") {
                b = b.category(c);
            }
            b.amount = input("amount");
            b.build()
        }
        "fps" => {
            let (name, city) = (need("name")?, need("city")?);
            let mut b = match (input("id"), input("mobile")) {
                (Some(id), _) => Fps::id(id, name, city),
                (_, Some(m)) => Fps::mobile(m, name, city),
                _ => Fps::email(need("email")?, name, city),
            };
            b.amount = input("amount");
            b.build()
        }
        "upi" => {
            let mut b = Upi::new(
                need("vpa")?,
                need("name")?,
                need("city")?,
                need("postal-code")?,
            );
            if let Some(c) = input("category") {
                b = b.category(c);
            }
            b.amount = input("amount");
            b.build()
        }
        "unified" => {
            let accounts = UnifiedAccounts {
                unionpay: need("unionpay")?,
                tenpay: need("tenpay")?,
                alipay: need("alipay")?,
            };
            let merchant = Merchant {
                category_code: input("category").unwrap_or("5999"),
                currency: "156",
                country: "CN",
                name: need("name")?,
                city: need("city")?,
            };
            unified(&accounts, &merchant)
        }
        other => Err(NewError::new(
            "scheme",
            format!("no generator for {other:?} (one of {})", SCHEMES.join(", ")),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::views::mpm::payload::Payload;
    use crate::views::options::DecodeOptions;

    /// Every generated code decodes under the default options with its scheme recognised.
    fn decodes_as(code: &PayloadBuf, profile: Profile) {
        let p = Payload::parse_with(code.as_str(), &DecodeOptions::default()).unwrap();
        assert!(p.profiles().contains(profile), "{}", code.as_str());
    }

    #[test]
    fn every_generator_makes_a_code_the_decoder_accepts() {
        decodes_as(
            &Pix::key("fulano@example.com", "FULANO", "BRASILIA")
                .build()
                .unwrap(),
            Profile::Pix,
        );
        decodes_as(
            &PromptPay::national_id("1234567890123").build().unwrap(),
            Profile::PromptPay,
        );
        decodes_as(
            &PromptPay::ewallet("123456789012345")
                .amount("1")
                .build()
                .unwrap(),
            Profile::PromptPay,
        );
        decodes_as(
            &PayNow::mobile("+6591234567", "ACME", "Singapore")
                .editable()
                .expiry("20301231")
                .build()
                .unwrap(),
            Profile::PayNow,
        );
        decodes_as(
            &VietQr::new("970403", "9704229208706730902")
                .card()
                .build()
                .unwrap(),
            Profile::VietQr,
        );
        decodes_as(
            &Khqr::individual("a@b", "A", "Phnom Penh")
                .amount("100", "1700000000000", "1700000600000")
                .build()
                .unwrap(),
            Profile::Khqr,
        );
        decodes_as(
            &DuitNow::new("890053", "123456", "KEDAI", "BANGI")
                .amount("10.00")
                .build()
                .unwrap(),
            Profile::DuitNow,
        );
        decodes_as(
            &Fps::email("pay@example.com.hk", "ACME", "HONG KONG")
                .build()
                .unwrap(),
            Profile::Fps,
        );
        decodes_as(
            &Fps::id("1234567", "ACME", "HONG KONG").build().unwrap(),
            Profile::Fps,
        );
        decodes_as(
            &Upi::new("shop@upi", "SHOP", "Pune", "411001")
                .amount("99")
                .build()
                .unwrap(),
            Profile::Upi,
        );
    }

    #[test]
    fn refusals_name_their_input() {
        let input = |r: Result<PayloadBuf, NewError>| r.unwrap_err().input();
        assert_eq!(input(Pix::key("a@b.co", "", "X").build()), "name");
        assert_eq!(
            input(Pix::key("a@b.co", "N", "A CITY FAR TOO LONG").build()),
            "city"
        );
        assert_eq!(
            input(Pix::key("a@b.co", "N", "C").amount("1e3").build()),
            "amount"
        );
        assert_eq!(
            input(Pix::key("a@b.co", "N", "C").txid("PED-1").build()),
            "txid"
        );
        assert_eq!(
            input(Pix::dynamic("https://x.example/qr", "N", "C").build()),
            "url"
        );
        assert_eq!(input(PromptPay::phone("+44812345678").build()), "phone");
        assert_eq!(input(PromptPay::national_id("123").build()), "national-id");
        assert_eq!(input(PromptPay::biller("12", "R").build()), "biller");
        assert_eq!(input(PayNow::uen("2014-0312W", "A", "S").build()), "uen");
        assert_eq!(input(VietQr::new("NOBANK", "1").build()), "bank");
        assert_eq!(input(VietQr::new("970403", "0011-01").build()), "account");
        assert_eq!(
            input(Khqr::individual("nobank", "A", "P").build()),
            "account"
        );
        assert_eq!(
            input(
                Khqr::individual("a@b", "A", "P")
                    .amount("1", "1700000600000", "1700000000000")
                    .build()
            ),
            "expires"
        );
        assert_eq!(
            input(DuitNow::new("89005", "1", "A", "B").build()),
            "acquirer"
        );
        assert_eq!(input(Fps::mobile("91234567", "A", "B").build()), "mobile");
        assert_eq!(input(Upi::new("shop", "A", "B", "411001").build()), "vpa");
        assert_eq!(
            input(Upi::new("shop@upi", "A", "B", "4110").build()),
            "postal-code"
        );
        // Refused by the decoder, reported against the input whose object it names.
        let e = Pix::key("12345678900", "N", "C").build().unwrap_err();
        assert_eq!(
            (e.input(), e.error().and_then(Error::rule)),
            ("key", Some("pix.key_check_digits"))
        );
    }

    #[test]
    fn qris_from_static_to_dynamic() {
        let printed = PayloadBuilder::new()
            .static_code()
            .merchant_template(
                26,
                "COM.GO-JEK.WWW",
                &[(1, "936009143000000012"), (3, "UMI")],
            )
            .merchant_template(51, "ID.CO.QRIS.WWW", &[(2, "ID1020021181745"), (3, "UMI")])
            .merchant_category_code("5812")
            .currency("360")
            .country("ID")
            .merchant_name("WARUNG")
            .merchant_city("JAKARTA")
            .build()
            .unwrap();
        let code = qris_dynamic(printed.as_str(), "25000").unwrap();
        assert_eq!(code.as_payload().get(1), Some("12"));
        assert_eq!(
            qris_dynamic(code.as_str(), "1").unwrap_err().input(),
            "from"
        );
        assert_eq!(
            qris_dynamic(printed.as_str(), "-1").unwrap_err().input(),
            "amount"
        );
        let pix = Pix::key("a@b.co", "N", "C").build().unwrap();
        assert_eq!(qris_dynamic(pix.as_str(), "1").unwrap_err().input(), "from");
    }
}
