//! Merchant-presented mode: the validated, borrowed view of a payload.
//!
//! [`Payload::parse`] checks everything once (structure, order, duplicates, CRC and every
//! data-object rule); afterwards each accessor is infallible and returns slices of the input.
//! Nothing on this path allocates.

pub(crate) mod fast;
pub(crate) mod index;
mod parse;
pub(crate) mod payload;
pub(crate) mod rules;
pub(crate) mod validate;

pub use index::{MAX_WARNINGS, is_template, object_name, sub_object_name};
pub use payload::{
    Amount, DataObject, Initiation, LanguageTemplate, MerchantAccount, Network, Payload, Template,
    Tip,
};
pub use rules::{GuidKind, guid_kind};
