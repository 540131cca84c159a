//! Routing: which of a scanned code's providers a wallet pays, and by which path.
//!
//! A [`RoutingTable`] lists, for one wallet, the providers it pays: `via` is `direct` (its own
//! network) or the id of the interoperability network that carries the payment, and `cost`
//! ranks the routes (lower is preferred; equal costs keep payload order). The embedded tables
//! come from `spec/routing/*.json`; with the `alloc` feature a [`RoutingTableBuf`] holds one
//! loaded at run time.
//!
//! [`route`] scans the text, then:
//! 1. refuses a text whose family is ambiguous (`ambiguous_format`), or whose candidates
//!    overflowed the scan's capacity (`too_many_candidates`);
//! 2. refuses `ambiguous_route` when two templates name the same provider with different
//!    accounts (whatever the wallet: one could be previewed and the other paid);
//! 3. only merchant-presented codes (MPM and URL codes) are paid: candidates of consumer-presented
//!    codes are skipped as `consumer_presented`;
//! 4. ranks the candidates the wallet's table accepts by cost, then payload order, and chooses
//!    the first; the others are skipped as `not_accepted` or `outranked`;
//! 5. `no_route` when nothing is payable.

use crate::knowledge::registry::Registry;
#[cfg(doc)]
use crate::policy::scan::scan_payload;
use crate::policy::scan::{Kind, MAX_CANDIDATES, Scan, scan_payload_into, scan_with};
use crate::views::mpm::payload::Payload;
use crate::views::options::DecodeOptions;

#[cfg(feature = "alloc")]
use alloc::vec::Vec;

// ROUTING_TABLES, generated from spec/routing/*.json.
include!("route/tables.rs");

/// One route of a wallet's table.
///
/// # Examples
/// ```
/// let table = emvqr::RoutingTable::embedded("tenpay").unwrap();
/// let entry = table.best_for("unionpay").unwrap();
/// assert_eq!(entry.provider, "unionpay");
/// assert!(entry.cost > table.best_for("tenpay").unwrap().cost);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RouteEntry<'a> {
    /// The provider whose codes the wallet pays.
    pub provider: &'a str,
    /// `direct`, or the id of the network that carries the payment.
    pub via: &'a str,
    /// Preference: lower is preferred.
    pub cost: u16,
    /// What this route is.
    pub note: &'a str,
}

/// A wallet's routing table.
///
/// # Examples
/// ```
/// let table = emvqr::RoutingTable::embedded("tenpay").unwrap();
/// assert_eq!(table.wallet, "tenpay");
/// assert!(!table.routes.is_empty());
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct RoutingTable<'a> {
    /// The wallet's name (`tenpay`, `alipay`, `unionpay`, `pix`, `promptpay`).
    pub wallet: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Provenance.
    pub source: &'a str,
    /// The routes.
    pub routes: &'a [RouteEntry<'a>],
}

impl RoutingTable<'static> {
    /// The embedded table of a wallet.
    ///
    /// # Examples
    /// ```
    /// assert!(emvqr::RoutingTable::embedded("pix").is_some());
    /// assert!(emvqr::RoutingTable::embedded("nowallet").is_none());
    /// ```
    #[must_use]
    pub fn embedded(wallet: &str) -> Option<RoutingTable<'static>> {
        // A name a user types for a wallet (`wechat` for `tenpay`).
        let wallet = WALLET_ALIASES
            .iter()
            .find(|&&(alias, _)| alias == wallet)
            .map_or(wallet, |&(_, w)| w);
        Self::embedded_all()
            .iter()
            .find(|t| t.wallet == wallet)
            .copied()
    }

    /// Every embedded table.
    ///
    /// # Examples
    /// ```
    /// let all = emvqr::RoutingTable::embedded_all();
    /// assert!(all.iter().any(|t| t.wallet == "alipay"));
    /// ```
    #[must_use]
    pub fn embedded_all() -> &'static [RoutingTable<'static>] {
        &ROUTING_TABLES
    }
}

impl<'a> RoutingTable<'a> {
    /// The cheapest route for a provider (the first of equal cost).
    ///
    /// # Examples
    /// ```
    /// let table = emvqr::RoutingTable::embedded("tenpay").unwrap();
    /// assert_eq!(table.best_for("tenpay").unwrap().via, "direct");
    /// assert!(table.best_for("pix").is_none());
    /// ```
    #[must_use]
    pub fn best_for(&self, provider: &str) -> Option<&'a RouteEntry<'a>> {
        let mut best: Option<&'a RouteEntry<'a>> = None;
        for r in self.routes.iter().filter(|r| r.provider == provider) {
            if best.is_none_or(|b| r.cost < b.cost) {
                best = Some(r);
            }
        }
        best
    }
}

/// An owned routing table (for tables loaded at run time).
///
/// Strings borrow from the deserialized text: JSON strings with escapes cannot be borrowed.
///
/// # Examples
/// ```
/// # #[cfg(feature = "alloc")] {
/// use emvqr::route::{RouteEntry, RoutingTableBuf};
/// let buf = RoutingTableBuf {
///     wallet: "examplewallet",
///     name: "Example Wallet",
///     source: "example",
///     routes: vec![RouteEntry { provider: "pix", via: "direct", cost: 0, note: "own network" }],
/// };
/// assert_eq!(buf.view().best_for("pix").unwrap().cost, 0);
/// # }
/// ```
#[cfg(feature = "alloc")]
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct RoutingTableBuf<'a> {
    /// The wallet's name.
    pub wallet: &'a str,
    /// Display name.
    pub name: &'a str,
    /// Provenance.
    pub source: &'a str,
    /// The routes.
    #[cfg_attr(feature = "serde", serde(borrow))]
    pub routes: Vec<RouteEntry<'a>>,
}

#[cfg(feature = "alloc")]
impl RoutingTableBuf<'_> {
    /// The borrowed view used for routing.
    ///
    /// See [`RoutingTableBuf`] for an example.
    #[must_use]
    pub fn view(&self) -> RoutingTable<'_> {
        RoutingTable {
            wallet: self.wallet,
            name: self.name,
            source: self.source,
            routes: &self.routes,
        }
    }
}

/// Why a candidate was not chosen.
///
/// # Examples
/// ```
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let table = emvqr::RoutingTable::embedded("tenpay").unwrap();
/// let d = emvqr::route(CODE, &table);
/// let reasons: Vec<_> = (0..d.scan().candidate_count()).filter_map(|i| d.skipped(i)).map(|s| s.code()).collect();
/// assert_eq!(reasons, ["outranked", "not_accepted"]);
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum SkipReason {
    /// The wallet's table has no route to this provider.
    NotAccepted,
    /// Payable, but a cheaper or earlier candidate was chosen.
    Outranked,
    /// A consumer-presented code: wallets do not pay it.
    ConsumerPresented,
    /// Another template names the same provider with a different account.
    AmbiguousAccount,
    /// Not considered: the whole decision was refused.
    Refused,
}

impl SkipReason {
    /// Stable snake_case name.
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            SkipReason::NotAccepted => "not_accepted",
            SkipReason::Outranked => "outranked",
            SkipReason::ConsumerPresented => "consumer_presented",
            SkipReason::AmbiguousAccount => "ambiguous_account",
            SkipReason::Refused => "refused",
        }
    }
}

/// Why no route was chosen.
///
/// # Examples
/// ```
/// // A valid Pix code: a Tenpay wallet has no route to Pix.
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let d = emvqr::route(PIX, &emvqr::RoutingTable::embedded("tenpay").unwrap());
/// assert!(d.route().is_none());
/// assert_eq!(d.refusal().map(|r| r.code()), Some("no_route"));
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum Refusal {
    /// Nothing the wallet can pay.
    NoRoute,
    /// Two templates name the same provider with different accounts.
    AmbiguousRoute,
    /// More than one format family matched the input.
    AmbiguousFormat,
    /// More candidates than [`MAX_CANDIDATES`]: some were not seen.
    TooManyCandidates,
    /// An MPM payload that breaks a rule: [`Scan::mpm_error`] says which. Its candidates are
    /// listed, none is paid.
    InvalidPayload,
}

impl Refusal {
    /// Stable snake_case name (`no_route`, `ambiguous_route`, ...).
    #[must_use]
    pub const fn code(self) -> &'static str {
        match self {
            Refusal::NoRoute => "no_route",
            Refusal::AmbiguousRoute => "ambiguous_route",
            Refusal::AmbiguousFormat => "ambiguous_format",
            Refusal::TooManyCandidates => "too_many_candidates",
            Refusal::InvalidPayload => "invalid_payload",
        }
    }

    /// The refusal in words a cashier would understand.
    ///
    /// ```
    /// assert_eq!(emvqr::route::Refusal::NoRoute.words(), "this wallet cannot pay anything in the code");
    /// ```
    #[must_use]
    pub const fn words(self) -> &'static str {
        match self {
            Refusal::NoRoute => "this wallet cannot pay anything in the code",
            Refusal::AmbiguousRoute => {
                "the code names one network with two different accounts: which is the merchant's?"
            }
            Refusal::AmbiguousFormat => "the text reads as more than one kind of code",
            Refusal::TooManyCandidates => "the code holds more payment options than are examined",
            Refusal::InvalidPayload => "the code breaks a rule",
        }
    }
}

/// The chosen route.
///
/// # Examples
/// ```
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let d = emvqr::route(PIX, &emvqr::RoutingTable::embedded("pix").unwrap());
/// let route = d.route().unwrap();
/// assert_eq!((route.provider, route.via), ("pix", "direct"));
/// assert_eq!(d.scan().candidate(route.candidate).unwrap().provider, "pix");
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Route<'a> {
    /// The provider paid.
    pub provider: &'a str,
    /// `direct` or the network carrying the payment.
    pub via: &'a str,
    /// The route's cost.
    pub cost: u16,
    /// The index of the chosen candidate in [`Decision::scan`]'s candidates.
    pub candidate: usize,
    /// The route in a sentence a person understands ("WeChat Pay code, paid through
    /// UnionPay"), from the routing table.
    pub note: &'a str,
}

/// A routing decision: the scan, the ranked candidates, the route or the refusal, and why
/// each other candidate was skipped.
///
/// # Examples
/// ```
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let d = emvqr::route(CODE, &emvqr::RoutingTable::embedded("tenpay").unwrap());
/// assert_eq!(d.refusal(), None);
/// let chosen = d.route().unwrap();
/// assert_eq!(chosen.provider, "tenpay");
/// // Payable candidates, best first: Tenpay direct, then UnionPay.
/// let ranked: Vec<_> = d.ranked().map(|i| d.scan().candidate(i).unwrap().provider).collect();
/// assert_eq!(ranked, ["tenpay", "unionpay"]);
/// assert_eq!(d.route_of(chosen.candidate), Some((chosen.via, chosen.cost)));
/// assert_eq!(d.skipped(chosen.candidate), None);
/// ```
#[derive(Debug, Clone, Copy)]
pub struct Decision<'a> {
    scan: Scan<'a>,
    routes: &'a [RouteEntry<'a>],
    /// Per candidate: index of its cheapest route in `routes`, `NONE` when not payable.
    entry: [u32; MAX_CANDIDATES],
    ranked: [u8; MAX_CANDIDATES],
    ranked_len: usize,
    skipped: [Option<SkipReason>; MAX_CANDIDATES],
    refusal: Option<Refusal>,
}

const NONE: u32 = u32::MAX;

impl<'a> Decision<'a> {
    /// The scan the decision was made on.
    #[must_use]
    pub const fn scan(&self) -> &Scan<'a> {
        &self.scan
    }

    /// The chosen route, or `None` with [`Decision::refusal`].
    #[must_use]
    pub fn route(&self) -> Option<Route<'a>> {
        if self.refusal.is_some() {
            return None;
        }
        let candidate = usize::from(*self.ranked.get(..self.ranked_len)?.first()?);
        let provider = self.scan.candidate(candidate)?.provider;
        let entry = self.entry(candidate)?;
        Some(Route {
            provider,
            via: entry.via,
            cost: entry.cost,
            candidate,
            note: entry.note,
        })
    }

    /// Why no route was chosen.
    #[must_use]
    pub const fn refusal(&self) -> Option<Refusal> {
        self.refusal
    }

    /// Indexes of the payable candidates, best first (cost, then payload order).
    pub fn ranked(&self) -> impl ExactSizeIterator<Item = usize> + '_ {
        self.ranked
            .get(..self.ranked_len)
            .unwrap_or(&[])
            .iter()
            .map(|&i| usize::from(i))
    }

    fn entry(&self, index: usize) -> Option<&'a RouteEntry<'a>> {
        let e = *self.entry.get(index)?;
        self.routes.get(usize::try_from(e).ok()?)
    }

    /// The route the wallet has for candidate `index` (`via`, `cost`), if any.
    #[must_use]
    pub fn route_of(&self, index: usize) -> Option<(&'a str, u16)> {
        self.entry(index).map(|r| (r.via, r.cost))
    }

    /// Why candidate `index` was skipped; `None` for the chosen one.
    #[must_use]
    pub fn skipped(&self, index: usize) -> Option<SkipReason> {
        self.skipped.get(index).copied().flatten()
    }
}

/// Routes a text for a wallet with the embedded registry and strict decoding.
///
/// A text that fails to decode is not an error here: the decision is a refusal, and
/// [`Scan::mpm_error`] says why.
///
/// # Examples
/// ```
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let table = emvqr::RoutingTable::embedded("pix").unwrap();
/// assert_eq!(emvqr::route(PIX, &table).route().unwrap().provider, "pix");
/// // One character changed: the CRC no longer matches, nothing is paid.
/// let bad = PIX.replace("Fulano", "Fulana");
/// let d = emvqr::route(&bad, &table);
/// assert!(d.route().is_none());
/// assert!(d.scan().mpm_error().is_some());
/// ```
#[must_use]
pub fn route<'a>(text: &'a str, table: &RoutingTable<'a>) -> Decision<'a> {
    route_with(&Registry::embedded(), table, text, &DecodeOptions::strict())
}

/// Routes a text for a wallet with a registry, a table and decode options.
///
/// # Examples
/// ```
/// use emvqr::{DecodeOptions, Registry, RoutingTable};
/// const CODE: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";
/// let table = RoutingTable::embedded("alipay").unwrap();
/// let d = emvqr::route::route_with(&Registry::embedded(), &table, CODE, &DecodeOptions::strict());
/// assert_eq!(d.route().unwrap().provider, "alipay");
/// ```
#[must_use]
pub fn route_with<'a>(
    registry: &Registry<'a>,
    table: &RoutingTable<'a>,
    text: &'a str,
    options: &DecodeOptions,
) -> Decision<'a> {
    decide(scan_with(registry, text, options), table)
}

/// Routes an already decoded payload (see [`scan_payload`]).
///
/// # Examples
/// ```
/// use emvqr::{Payload, Registry, RoutingTable};
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// let payload = Payload::parse(PIX)?;
/// let d = emvqr::route::route_payload(&Registry::embedded(), &RoutingTable::embedded("pix").unwrap(), &payload);
/// assert_eq!(d.route().unwrap().via, "direct");
/// # Ok::<(), emvqr::Error>(())
/// ```
#[must_use]
pub fn route_payload<'a>(
    registry: &Registry<'a>,
    table: &RoutingTable<'a>,
    payload: &Payload<'a>,
) -> Decision<'a> {
    let mut d = Decision::undecided(Scan::empty(registry.rules()), table);
    scan_payload_into(&mut d.scan, registry, payload);
    d.rank(table);
    d
}

/// The index of the cheapest route for a provider (the first of equal cost).
fn best_index(routes: &[RouteEntry<'_>], provider: &str) -> u32 {
    let mut best: Option<(u16, usize)> = None;
    for (i, r) in routes.iter().enumerate() {
        if r.provider == provider && best.is_none_or(|(c, _)| r.cost < c) {
            best = Some((r.cost, i));
        }
    }
    best.and_then(|(_, i)| u32::try_from(i).ok())
        .unwrap_or(NONE)
}

/// Makes the decision for an existing scan.
///
/// # Examples
/// ```
/// const PIX: &str = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D";
/// // One scan, decided for two wallets.
/// let scan = emvqr::scan(PIX);
/// let pix = emvqr::route::decide(scan, &emvqr::RoutingTable::embedded("pix").unwrap());
/// let alipay = emvqr::route::decide(scan, &emvqr::RoutingTable::embedded("alipay").unwrap());
/// assert!(pix.route().is_some());
/// assert!(alipay.route().is_none());
/// ```
#[must_use]
pub fn decide<'a>(scan: Scan<'a>, table: &RoutingTable<'a>) -> Decision<'a> {
    let mut d = Decision::undecided(scan, table);
    d.rank(table);
    d
}

impl<'a> Decision<'a> {
    /// A decision on `scan` before any candidate is ranked.
    fn undecided(scan: Scan<'a>, table: &RoutingTable<'a>) -> Decision<'a> {
        Decision {
            scan,
            routes: table.routes,
            entry: [NONE; MAX_CANDIDATES],
            ranked: [0; MAX_CANDIDATES],
            ranked_len: 0,
            skipped: [None; MAX_CANDIDATES],
            refusal: None,
        }
    }

    /// Finds each candidate's route, ranks the payable ones and settles the refusal, in place.
    fn rank(&mut self, table: &RoutingTable<'a>) {
        let Decision {
            scan,
            entry: entries,
            ranked,
            ranked_len,
            skipped,
            refusal,
            ..
        } = self;
        let scan: &Scan<'a> = scan;
        let merchant = matches!(scan.kind(), Kind::Mpm | Kind::Url);

        for (i, (provider, _)) in scan.keys().enumerate() {
            let (Some(entry), Some(skip)) = (entries.get_mut(i), skipped.get_mut(i)) else {
                continue;
            };
            if !merchant {
                *skip = Some(SkipReason::ConsumerPresented);
                continue;
            }
            *entry = best_index(table.routes, provider);
            if *entry == NONE {
                *skip = Some(SkipReason::NotAccepted);
            }
        }

        // Rank payable candidates by (cost, payload order).
        for i in 0..scan.candidate_count() {
            if entries.get(i).is_some_and(|&e| e != NONE)
                && let (Some(slot), Ok(i)) = (ranked.get_mut(*ranked_len), u8::try_from(i))
            {
                *slot = i;
                *ranked_len = ranked_len.saturating_add(1);
            }
        }
        let cost_of = |i: u8| -> u16 {
            entries
                .get(usize::from(i))
                .and_then(|&e| table.routes.get(usize::try_from(e).ok()?))
                .map_or(u16::MAX, |r| r.cost)
        };
        if let Some(r) = ranked.get_mut(..*ranked_len) {
            r.sort_unstable_by_key(|&i| (cost_of(i), i));
        }

        let conflict = scan.conflict();
        *refusal = if scan.kind() == Kind::Ambiguous {
            Some(Refusal::AmbiguousFormat)
        } else if !scan.is_valid() && scan.kind() == Kind::Mpm {
            Some(Refusal::InvalidPayload)
        } else if scan.overflowed() {
            Some(Refusal::TooManyCandidates)
        } else if conflict.is_some() {
            Some(Refusal::AmbiguousRoute)
        } else if *ranked_len == 0 {
            Some(Refusal::NoRoute)
        } else {
            None
        };

        match refusal {
            None => {
                for &i in ranked.get(1..*ranked_len).unwrap_or(&[]) {
                    if let Some(s) = skipped.get_mut(usize::from(i)) {
                        *s = Some(SkipReason::Outranked);
                    }
                }
            }
            Some(_) => {
                for (i, (provider, id)) in scan.keys().enumerate() {
                    if let Some(s) = skipped.get_mut(i) {
                        if conflict.is_some_and(|p| p == provider) && id != 0 {
                            *s = Some(SkipReason::AmbiguousAccount);
                        } else if s.is_none() {
                            *s = Some(SkipReason::Refused);
                        }
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(provider: &'static str, via: &'static str, cost: u16) -> RouteEntry<'static> {
        RouteEntry {
            provider,
            via,
            cost,
            note: "",
        }
    }

    /// A constructed table of `routes`.
    fn table_of<'a>(routes: &'a [RouteEntry<'a>]) -> RoutingTable<'a> {
        RoutingTable {
            wallet: "test",
            name: "Test",
            source: "constructed",
            routes,
        }
    }

    #[test]
    fn best_for_is_the_cheapest_then_the_first() {
        let routes = [
            entry("unionpay", "direct", 0),
            entry("pix", "bridge-a", 5),
            entry("pix", "bridge-b", 2),
            entry("pix", "bridge-c", 2),
            entry("pix", "bridge-d", 3),
        ];
        let table = table_of(&routes);
        let best = table.best_for("pix").unwrap();
        assert_eq!((best.via, best.cost), ("bridge-b", 2));
        let best = table.best_for("unionpay").unwrap();
        assert_eq!((best.via, best.cost), ("direct", 0));
        assert!(table.best_for("tenpay").is_none());
        assert!(table.best_for("").is_none());
    }

    /// The unified code of `spec/route/route.json`: UnionPay (15), Tenpay (26), Alipay (27).
    const UNIFIED: &str = "0002010102111516620000001234567826280010com.tenpay0110190001234527480010COM.ALIPAY0130https://qr.alipay.com/fkx123455204581253031565802CN5912NOODLE HOUSE6008SHANGHAI63043D87";

    #[test]
    fn a_provider_with_several_routes_is_paid_by_its_cheapest() {
        let routes = [
            entry("tenpay", "bridge", 5),
            entry("tenpay", "direct", 1),
            entry("tenpay", "partner", 1),
            entry("tenpay", "backup", 3),
        ];
        let table = table_of(&routes);
        let d = route(UNIFIED, &table);
        assert_eq!(d.refusal(), None);
        let chosen = d.route().unwrap();
        assert_eq!(
            (chosen.provider, chosen.via, chosen.cost),
            ("tenpay", "direct", 1)
        );
        assert_eq!(d.route_of(chosen.candidate), Some(("direct", 1)));
        assert_eq!(d.ranked().len(), 1);
    }
}
