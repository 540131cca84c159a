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

// The layers, bottom to top: each imports only the layers below it (`tests/layers.rs` checks
// that no file of `src/` is in an import circle and that no import goes up). The public paths
// are the re-exports below.

/// What the crate knows, as data: ISO 4217 and 3166, the one table of scheme knowledge
/// (identifiers and what they imply), the provider registry and the profiles' rule ids.
/// Imports nothing of the crate.
mod knowledge {
    pub(crate) mod hex;
    pub(crate) mod identifier;
    pub mod iso;
    pub(crate) mod profiles;
    pub mod registry;
    pub mod scheme;
}

/// The wire: sizes, errors, the CRC, the MPM text TLV and BER-TLV readers.
mod wire {
    pub mod ber;
    pub(crate) mod cpm_error;
    pub mod crc;
    pub(crate) mod error;
    pub(crate) mod limits;
    pub(crate) mod tag;
    pub mod tlv;
    pub(crate) mod units;
}

/// The validated views: decoding options, the MPM and CPM payloads and their owned forms and
/// builders, and the scheme profiles' rules the decoder applies.
mod views {
    pub mod cpm;
    pub mod mpm;
    pub(crate) mod options;
    #[cfg(feature = "alloc")]
    pub(crate) mod owned;
    pub mod profile;
}

/// Policy over decoded codes: scanning, routing and the unified merchant code.
mod policy {
    #[cfg(feature = "alloc")]
    pub mod new;
    pub mod route;
    pub mod scan;
    #[cfg(feature = "alloc")]
    pub mod unified;
}

/// The edges: QR images in and out, and the conformance runner.
mod edges {
    #[cfg(feature = "conform")]
    pub mod conform;
    pub(crate) mod escaped;
    #[cfg(feature = "image")]
    pub mod read;
    #[cfg(feature = "render")]
    pub mod render;
}

#[cfg(feature = "conform")]
pub use edges::conform;
#[cfg(feature = "image")]
pub use edges::read;
#[cfg(feature = "render")]
pub use edges::render;
pub use knowledge::hex::Hex;
pub use knowledge::{iso, registry, scheme};
#[cfg(feature = "alloc")]
pub use policy::new;
#[cfg(feature = "alloc")]
pub use policy::unified;
pub use policy::{route, scan};
pub use views::{cpm, mpm, profile};
pub use wire::{ber, crc, tlv};

pub use cpm::CpmPayload;
#[cfg(feature = "alloc")]
pub use cpm::{CpmBuilder, CpmPayloadBuf};
pub use edges::escaped::Escaped;
pub use mpm::{
    Amount, DataObject, Initiation, LanguageTemplate, MerchantAccount, Network, Payload, Template,
    Tip,
};
pub use profile::{Profile, Rule};
pub use registry::Registry;
pub use route::{Decision, Refusal, Route, RoutingTable, route};
pub use scan::{Candidate, Kind, MatchedBy, Scan, scan};
pub use views::options::{DecodeOptions, Leniency};
#[cfg(feature = "alloc")]
pub use views::owned::{FieldMap, FieldValue, PayloadBuf, PayloadBuilder};
pub use wire::error::{AmountProblem, Error, ErrorKind, LengthUnit, Path, Warning, WarningKind};
pub use wire::limits::MAX_INPUT_BYTES;
