//! Scheme profiles: the rules national schemes and providers add to EMVCo MPM.
//!
//! A profile is recognised from the GUID (sub-ID 00) of a merchant account template
//! (26–51), with each scheme's case rule (see `spec/README.md`, *Scheme profiles*). Its rules
//! check the scheme's sub-fields (a Pix key, a PromptPay proxy, a VietQR BIN, a QRIS NMID, ...)
//! and its root conventions (currency, country, placeholders). Each [`Rule`] has a stable id
//! such as `"pix.key"` and a [`Severity`]:
//!
//! * [`Severity::Error`](crate::profile::Severity::Error): the code cannot be paid in its scheme. The strict decoder fails with
//!   [`ErrorKind::Profile`](crate::ErrorKind::Profile) (code `profile_rule`); [`Leniency::ProfileRules`](crate::Leniency::ProfileRules) turns it into a
//!   warning.
//! * [`Severity::Warning`]: a soft convention; a [`WarningKind::Profile`](crate::WarningKind::Profile) warning (code
//!   `profile_rule`).
//!
//! [`Payload::parse`](crate::Payload::parse) applies the profiles after the EMVCo checks succeed (unless
//! [`DecodeOptions::profiles`](crate::DecodeOptions::profiles) turns them off); [`check`] applies them to a payload parsed
//! without. Nothing here allocates. The grammars of the values (e-mail, host name, date, UUID,
//! Pix key, BIC, ...) are `nom` combinators; the MPM wire decoder uses no parser library (see
//! `spec/README.md`, *Value grammars*).
//!
//! # Examples
//! ```
//! use emvqr::profile::{Profile, Rule};
//! // A Pix code whose key is neither an e-mail, a phone, a CPF, a CNPJ nor a random key.
//! let text = "00020126260014br.gov.bcb.pix0104abcd5204000053039865802BR5903ABC6003RIO62070503***630422CD";
//! let e = emvqr::Payload::parse(text).unwrap_err();
//! assert_eq!(e.code(), "profile_rule");
//! assert_eq!(e.rule(), Some("pix.key"));
//! assert_eq!((e.offset(), e.path().to_string()), (32, "26.01".to_string()));
//! assert_eq!(Rule::from_id("pix.key").map(|r| r.profile()), Some(Profile::Pix));
//! ```

pub(crate) mod apply;
mod checks;
pub(crate) mod grammar;
pub(crate) mod report;

pub use crate::knowledge::profiles::{Profile, ProfileSet, Rule, Severity};
pub use apply::{check, check_profile, recognise};
pub use report::Report;
