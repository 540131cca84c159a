#![doc = include_str!("../README.md")]
#![cfg_attr(not(test), no_std)]
#![forbid(unsafe_code)]
#![cfg_attr(docsrs, feature(doc_cfg))]
// The documentation links to items of optional features (owned payloads, builders, rendering,
// reading images); built without one of them, those links have nothing to point at. Built with
// every feature (as CI does, with warnings denied) every link must resolve.
#![cfg_attr(
    not(all(feature = "alloc", feature = "render", feature = "image")),
    allow(rustdoc::broken_intra_doc_links)
)]

#[cfg(feature = "alloc")]
extern crate alloc;
#[cfg(feature = "std")]
extern crate std;

pub mod ber;
#[cfg(feature = "conform")]
pub mod conform;
pub mod cpm;
pub mod crc;
mod error;
pub mod iso;
pub mod mpm;
mod options;
#[cfg(feature = "alloc")]
mod owned;
pub mod profile;
#[cfg(feature = "image")]
pub mod read;
pub mod registry;
#[cfg(feature = "render")]
pub mod render;
pub mod route;
pub mod scan;
pub mod tlv;
#[cfg(feature = "alloc")]
pub mod unified;

pub use cpm::CpmPayload;
#[cfg(feature = "alloc")]
pub use cpm::{CpmBuilder, CpmPayloadBuf};
pub use error::{AmountProblem, Error, ErrorKind, Path, Warning, WarningKind};
pub use mpm::{
    Amount, DataObject, Initiation, LanguageTemplate, MerchantAccount, Network, Payload, Template,
    Tip,
};
pub use options::{DecodeOptions, Leniency};
#[cfg(feature = "alloc")]
pub use owned::{FieldMap, FieldValue, PayloadBuf, PayloadBuilder};
pub use profile::{Profile, Rule};
pub use registry::Registry;
pub use route::{Decision, Refusal, Route, RoutingTable, route};
pub use scan::{Candidate, Kind, MatchedBy, Scan, scan};
pub use tlv::MAX_INPUT_BYTES;
