//! `new`: a scheme's code from the inputs its users know, through `emvqr::new`.

use std::path::PathBuf;

use clap::{Args, Subcommand};
use emvqr::PayloadBuf;
use emvqr::new::NewError;
use emvqr::render::{self, Ec};

use crate::io::{EXIT_INVALID, EXIT_VALID, Fatal, Outcome};

/// Pixels per module of a PNG written by `new --png`.
const PNG_SCALE: u32 = 8;

#[derive(Debug, Args)]
pub(crate) struct NewArgs {
    #[command(subcommand)]
    scheme: Scheme,
    /// Also draw the code into this PNG file.
    #[arg(long, value_name = "FILE", global = true)]
    png: Option<PathBuf>,
    /// Also draw the code into this SVG file.
    #[arg(long, value_name = "FILE", global = true)]
    svg: Option<PathBuf>,
}

/// The merchant's name and city, which most schemes print.
#[derive(Debug, Args)]
struct Place {
    /// The merchant's name (at most 25 characters).
    #[arg(long)]
    name: String,
    /// The merchant's city (at most 15 characters).
    #[arg(long)]
    city: String,
}

#[derive(Debug, Subcommand)]
enum Scheme {
    /// Pix (Brazil): a static code to a key, or a dynamic one to a charge's location URL.
    Pix {
        /// The Pix key: e-mail, +55 phone, CPF, CNPJ or random key.
        #[arg(long, required_unless_present = "url", conflicts_with = "url")]
        key: Option<String>,
        /// The location URL of a charge, without https:// (a dynamic code).
        #[arg(long)]
        url: Option<String>,
        #[command(flatten)]
        place: Place,
        /// The amount (10, 10.50).
        #[arg(long)]
        amount: Option<String>,
        /// The transaction ID of a static code (letters and digits).
        #[arg(long)]
        txid: Option<String>,
        /// A message to the payer.
        #[arg(long)]
        description: Option<String>,
    },
    /// PromptPay (Thailand) to a mobile number, national ID or e-wallet, or a bill payment.
    #[command(group = clap::ArgGroup::new("to").required(true).args(["phone", "national_id", "ewallet", "biller"]))]
    Promptpay {
        /// A Thai mobile number (0812345678).
        #[arg(long)]
        phone: Option<String>,
        /// A national ID or tax ID (13 digits).
        #[arg(long)]
        national_id: Option<String>,
        /// An e-wallet ID (15 digits).
        #[arg(long)]
        ewallet: Option<String>,
        /// A biller ID (15 digits) for a bill payment, with --ref1.
        #[arg(long, requires = "ref1")]
        biller: Option<String>,
        /// The bill payment's first reference.
        #[arg(long)]
        ref1: Option<String>,
        /// The bill payment's second reference.
        #[arg(long)]
        ref2: Option<String>,
        /// The amount in baht (150, 150.00).
        #[arg(long)]
        amount: Option<String>,
    },
    /// PayNow (Singapore) to a mobile number or a UEN.
    #[command(group = clap::ArgGroup::new("to").required(true).args(["mobile", "uen"]))]
    Paynow {
        /// A mobile number, +65 and 8 digits.
        #[arg(long)]
        mobile: Option<String>,
        /// A Unique Entity Number.
        #[arg(long)]
        uen: Option<String>,
        #[command(flatten)]
        place: Place,
        /// The amount (10.00).
        #[arg(long)]
        amount: Option<String>,
        /// Let the payer change the amount.
        #[arg(long)]
        editable: bool,
        /// The last day the code can be paid (YYYYMMDD).
        #[arg(long)]
        expiry: Option<String>,
    },
    /// VietQR (Vietnam): a NAPAS 247 transfer to an account or card.
    Vietqr {
        /// The bank: its six-digit BIN or a short name (VIETCOMBANK, BIDV, MB...).
        #[arg(long)]
        bank: String,
        /// The account (or, with --card, card) number.
        #[arg(long)]
        account: String,
        /// The number is a card's.
        #[arg(long)]
        card: bool,
        /// The amount in dong.
        #[arg(long)]
        amount: Option<String>,
        /// The purpose of the transfer.
        #[arg(long)]
        purpose: Option<String>,
    },
    /// QRIS (Indonesia): the dynamic code for one payment from a merchant's static code.
    Qris {
        /// The static QRIS code printed at the counter.
        #[arg(long)]
        from: String,
        /// The amount in rupiah.
        #[arg(long)]
        amount: String,
    },
    /// KHQR (Cambodia): to an individual's or (with --merchant-id and --bank) a merchant's
    /// Bakong account.
    Khqr {
        /// The Bakong account ID (name@bank).
        #[arg(long)]
        account: String,
        /// The merchant ID (a merchant's code).
        #[arg(long, requires = "bank")]
        merchant_id: Option<String>,
        /// The acquiring bank (a merchant's code).
        #[arg(long, requires = "merchant_id")]
        bank: Option<String>,
        #[command(flatten)]
        place: Place,
        /// In US dollars instead of riel.
        #[arg(long)]
        usd: bool,
        /// The amount: the code is then for one payment, valid from now for --minutes.
        #[arg(long)]
        amount: Option<String>,
        /// How long a code with an amount can be paid, in minutes.
        #[arg(long, default_value_t = 10)]
        minutes: u64,
    },
    /// DuitNow QR (Malaysia): an acquirer's merchant.
    Duitnow {
        /// The acquirer ID (6 digits).
        #[arg(long)]
        acquirer: String,
        /// The merchant ID at the acquirer.
        #[arg(long)]
        merchant_id: String,
        #[command(flatten)]
        place: Place,
        /// The merchant category code.
        #[arg(long, default_value = "5999")]
        category: String,
        /// The amount (10.00).
        #[arg(long)]
        amount: Option<String>,
    },
    /// FPS (Hong Kong) to an FPS ID, a mobile number or an e-mail address.
    #[command(group = clap::ArgGroup::new("to").required(true).args(["id", "mobile", "email"]))]
    Fps {
        /// An FPS ID (7 or 9 digits).
        #[arg(long)]
        id: Option<String>,
        /// A mobile number, +852- and 8 digits.
        #[arg(long)]
        mobile: Option<String>,
        /// An e-mail address.
        #[arg(long)]
        email: Option<String>,
        #[command(flatten)]
        place: Place,
        /// The amount (88.00).
        #[arg(long)]
        amount: Option<String>,
    },
    /// UPI (India), in the EMV form: to a VPA.
    Upi {
        /// The virtual payment address (name@bank).
        #[arg(long)]
        vpa: String,
        #[command(flatten)]
        place: Place,
        /// The merchant's PIN code (6 digits).
        #[arg(long)]
        postal_code: String,
        /// The merchant category code.
        #[arg(long, default_value = "5999")]
        category: String,
        /// The amount (100.00).
        #[arg(long)]
        amount: Option<String>,
    },
    /// China's unified merchant code: the merchant's UnionPay, Tenpay and Alipay accounts in
    /// one code each wallet routes to its own network.
    Unified {
        /// The UnionPay merchant account.
        #[arg(long)]
        unionpay: String,
        /// The Tenpay (WeChat Pay) merchant account.
        #[arg(long)]
        tenpay: String,
        /// The Alipay account (for example its https://qr.alipay.com/ URL).
        #[arg(long)]
        alipay: String,
        #[command(flatten)]
        place: Place,
        /// The merchant category code.
        #[arg(long, default_value = "5999")]
        category: String,
    },
}

/// Milliseconds since 1970, 13 digits.
fn now_ms() -> Result<u64, Fatal> {
    let since = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_err(|_| Fatal("the clock is before 1970".to_owned()))?;
    u64::try_from(since.as_millis()).map_err(|_| Fatal("the clock is out of range".to_owned()))
}

/// A flag's input: present (any value) when set.
fn flag(on: bool) -> Option<String> {
    on.then(|| "true".to_owned())
}

/// Inputs named as their flags; `None` for one not given.
type Inputs = Vec<(&'static str, Option<String>)>;

/// The scheme's name and its inputs, for `emvqr::new::from_inputs`.
fn inputs(scheme: &Scheme) -> Result<(&'static str, Inputs), Fatal> {
    let place = |p: &Place| {
        [
            ("name", Some(p.name.clone())),
            ("city", Some(p.city.clone())),
        ]
    };
    Ok(match scheme {
        Scheme::Pix {
            key,
            url,
            place: p,
            amount,
            txid,
            description,
        } => {
            let mut v = vec![
                ("key", key.clone()),
                ("url", url.clone()),
                ("amount", amount.clone()),
            ];
            v.extend([("txid", txid.clone()), ("description", description.clone())]);
            v.extend(place(p));
            ("pix", v)
        }
        Scheme::Promptpay {
            phone,
            national_id,
            ewallet,
            biller,
            ref1,
            ref2,
            amount,
        } => (
            "promptpay",
            vec![
                ("phone", phone.clone()),
                ("national-id", national_id.clone()),
                ("ewallet", ewallet.clone()),
                ("biller", biller.clone()),
                ("ref1", ref1.clone()),
                ("ref2", ref2.clone()),
                ("amount", amount.clone()),
            ],
        ),
        Scheme::Paynow {
            mobile,
            uen,
            place: p,
            amount,
            editable,
            expiry,
        } => {
            let mut v = vec![("mobile", mobile.clone()), ("uen", uen.clone())];
            v.extend([("amount", amount.clone()), ("editable", flag(*editable))]);
            v.push(("expiry", expiry.clone()));
            v.extend(place(p));
            ("paynow", v)
        }
        Scheme::Vietqr {
            bank,
            account,
            card,
            amount,
            purpose,
        } => (
            "vietqr",
            vec![
                ("bank", Some(bank.clone())),
                ("account", Some(account.clone())),
                ("card", flag(*card)),
                ("amount", amount.clone()),
                ("purpose", purpose.clone()),
            ],
        ),
        Scheme::Qris { from, amount } => (
            "qris",
            vec![
                ("from", Some(from.clone())),
                ("amount", Some(amount.clone())),
            ],
        ),
        Scheme::Khqr {
            account,
            merchant_id,
            bank,
            place: p,
            usd,
            amount,
            minutes,
        } => {
            // A code with an amount is payable from now for `minutes`.
            let created = now_ms()?;
            let expires = created.saturating_add(minutes.saturating_mul(60_000));
            let mut v = vec![
                ("account", Some(account.clone())),
                ("merchant-id", merchant_id.clone()),
            ];
            v.extend([
                ("bank", bank.clone()),
                ("usd", flag(*usd)),
                ("amount", amount.clone()),
            ]);
            v.extend([
                ("created", Some(created.to_string())),
                ("expires", Some(expires.to_string())),
            ]);
            v.extend(place(p));
            ("khqr", v)
        }
        Scheme::Duitnow {
            acquirer,
            merchant_id,
            place: p,
            category,
            amount,
        } => {
            let mut v = vec![
                ("acquirer", Some(acquirer.clone())),
                ("merchant-id", Some(merchant_id.clone())),
            ];
            v.extend([
                ("category", Some(category.clone())),
                ("amount", amount.clone()),
            ]);
            v.extend(place(p));
            ("duitnow", v)
        }
        Scheme::Fps {
            id,
            mobile,
            email,
            place: p,
            amount,
        } => {
            let mut v = vec![
                ("id", id.clone()),
                ("mobile", mobile.clone()),
                ("email", email.clone()),
            ];
            v.push(("amount", amount.clone()));
            v.extend(place(p));
            ("fps", v)
        }
        Scheme::Upi {
            vpa,
            place: p,
            postal_code,
            category,
            amount,
        } => {
            let mut v = vec![
                ("vpa", Some(vpa.clone())),
                ("postal-code", Some(postal_code.clone())),
            ];
            v.extend([
                ("category", Some(category.clone())),
                ("amount", amount.clone()),
            ]);
            v.extend(place(p));
            ("upi", v)
        }
        Scheme::Unified {
            unionpay,
            tenpay,
            alipay,
            place: p,
            category,
        } => {
            let mut v = vec![
                ("unionpay", Some(unionpay.clone())),
                ("tenpay", Some(tenpay.clone())),
            ];
            v.extend([
                ("alipay", Some(alipay.clone())),
                ("category", Some(category.clone())),
            ]);
            v.extend(place(p));
            ("unified", v)
        }
    })
}

fn build(scheme: &Scheme) -> Result<Result<PayloadBuf, NewError>, Fatal> {
    let (name, inputs) = inputs(scheme)?;
    let get = |key: &str| {
        inputs
            .iter()
            .find(|(k, _)| *k == key)
            .and_then(|(_, v)| v.as_deref())
    };
    Ok(emvqr::new::from_inputs(name, get))
}

/// Prints the payload (and draws it when asked), or the input at fault (exit 1).
pub(crate) fn new(args: &NewArgs) -> Result<Outcome, Fatal> {
    let code = match build(&args.scheme)? {
        Ok(code) => code,
        Err(e) => {
            let mut stdout = format!("invalid: --{e}\n");
            if let Some(err) = e.error() {
                stdout.push_str(&format!("  code: {}\n", err.code()));
            }
            return Ok(Outcome {
                stdout,
                status: EXIT_INVALID,
            });
        }
    };
    let text = code.as_str();
    let draw = |path: &PathBuf, drawn: Result<Vec<u8>, render::RenderError>| {
        let drawn = drawn.map_err(|e| Fatal(format!("cannot draw the code: {e}")))?;
        std::fs::write(path, drawn)
            .map_err(|e| Fatal(format!("cannot write {}: {e}", path.display())))
    };
    if let Some(path) = &args.png {
        draw(path, render::to_png(text, Ec::M, PNG_SCALE))?;
    }
    if let Some(path) = &args.svg {
        draw(path, render::to_svg(text, Ec::M).map(String::into_bytes))?;
    }
    Ok(Outcome {
        stdout: format!("{text}\n"),
        status: EXIT_VALID,
    })
}
