//! Merchant-presented mode: the validated, borrowed view of a payload.
//!
//! [`Payload::parse`] checks everything once (structure, order, duplicates, CRC and every
//! data-object rule); afterwards each accessor is infallible and returns slices of the input.
//! Nothing on this path allocates.

#[cfg(feature = "alloc")]
mod all;
pub(crate) mod fast;
pub(crate) mod index;
mod parse;
pub(crate) mod payload;
pub(crate) mod rules;
pub(crate) mod validate;

#[cfg(feature = "alloc")]
pub use all::{Finding, Findings};
pub use index::{MAX_WARNINGS, is_template, object_name, sub_object_name};
pub use payload::{
    Amount, DataObject, Initiation, LanguageTemplate, MerchantAccount, Network, Payload, Template,
    Tip,
};
pub use rules::{GuidKind, guid_kind};

/// The fast path's contract checked on `text` (see the `fast_full` fuzz target): `Ok(true)`
/// when the fast path found the payload valid and the full validation agrees, `Ok(false)` when
/// it handed over, `Err` naming a disagreement.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub fn fast_path_differential(text: &str) -> Result<bool, &'static str> {
    validate::differential(text)
}

/// Whether the decoder's length-unit guard agrees with reference readings of `text` in bytes
/// and UTF-16 units (see the `length_units` fuzz target): `Err` names the disagreement.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub fn length_unit_differential(text: &str) -> Result<(), &'static str> {
    validate::length_unit_differential(text)
}

/// Whether [`Payload::validate_all`] agrees with [`Payload::parse_with`] on `text` (see the
/// `validate_all` fuzz target): `Err` names the disagreement.
#[cfg(feature = "fuzzing")]
#[doc(hidden)]
pub fn validate_all_differential(
    text: &str,
    opts: &crate::views::options::DecodeOptions,
) -> Result<(), alloc::string::String> {
    all::differential(text, opts)
}
