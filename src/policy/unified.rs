//! The unified merchant code: one EMV MPM payload carrying a merchant's UnionPay, Tenpay and
//! Alipay accounts, so that each of the three wallets routes it directly to its own network.
//! `spec/unified.md` describes the layout and its sources.
//!
//! | ID | content | registry rule |
//! | --- | --- | --- |
//! | 15 | UnionPay merchant account (primitive) | `primitive_id` 15–16 → `unionpay` |
//! | 26 | template: 00 `com.tenpay`, 01 Tenpay merchant account | `guid` → `tenpay` |
//! | 27 | template: 00 `COM.ALIPAY`, 01 Alipay account (for example its `https://qr.alipay.com/` URL) | `guid` → `alipay` |

use crate::knowledge::scheme;
use crate::views::owned::{PayloadBuf, PayloadBuilder};
use crate::wire::error::Error;

/// The merchant account ID of the UnionPay primitive.
///
/// # Examples
/// ```
/// use emvqr::unified::UNIONPAY_ID;
/// let r = emvqr::Registry::embedded();
/// assert_eq!(r.match_primitive(UNIONPAY_ID).next().map(|rule| rule.provider), Some("unionpay"));
/// ```
pub const UNIONPAY_ID: u8 = 15;
/// The template ID of the Tenpay account.
pub const TENPAY_TEMPLATE: u8 = 26;
/// The template ID of the Alipay account.
pub const ALIPAY_TEMPLATE: u8 = 27;
/// The GUID of the Tenpay template: **this crate's convention**, not a published identifier:
/// no code in circulation uses it (WeChat Pay's template abroad is `COM.QQ.WEIXIN.PAY`, in
/// SGQR codes; mainland WeChat Pay codes are URLs). See `spec/unified.md` and `spec/china.md`;
/// [`UnifiedIdentifiers`] lets a caller use another.
///
/// # Examples
/// ```
/// use emvqr::unified::{TENPAY_GUID, TENPAY_TEMPLATE};
/// let r = emvqr::Registry::embedded();
/// let rule = r.match_template(TENPAY_TEMPLATE, TENPAY_GUID).next().unwrap();
/// assert_eq!(rule.provider, "tenpay");
/// ```
pub const TENPAY_GUID: &str = scheme::TENPAY_GUID;
/// The GUID of the Alipay template, as real SGQR, Sri Lankan and QR Ph codes write it (there
/// in lower case; it matches in any ASCII case). A convention too: Alipay publishes no
/// identifier for a mainland EMVCo code.
///
/// # Examples
/// ```
/// use emvqr::unified::{ALIPAY_GUID, ALIPAY_TEMPLATE};
/// let r = emvqr::Registry::embedded();
/// let rule = r.match_template(ALIPAY_TEMPLATE, ALIPAY_GUID).next().unwrap();
/// assert_eq!(rule.provider, "alipay");
/// ```
pub const ALIPAY_GUID: &str = scheme::ALIPAY_GUID;

/// The three accounts of a unified code.
///
/// # Examples
/// ```
/// use emvqr::unified::{UnifiedAccounts, unified_builder};
/// let accounts = UnifiedAccounts { unionpay: "6200000012345678", tenpay: "1900012345", alipay: "https://qr.alipay.com/fkx12345" };
/// let text = unified_builder(&accounts).encode_unchecked()?;
/// assert!(text.contains("26280010com.tenpay01101900012345"));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnifiedAccounts<'a> {
    /// The UnionPay merchant account (value of ID 15).
    pub unionpay: &'a str,
    /// The Tenpay merchant account (26.01).
    pub tenpay: &'a str,
    /// The Alipay account (27.01).
    pub alipay: &'a str,
}

/// The identifiers of the Tenpay and Alipay templates of a unified code. Today's values
/// ([`UnifiedIdentifiers::CONVENTION`]) are conventions (see [`TENPAY_GUID`]); an issuer that
/// agrees on others with the wallets passes them here.
///
/// # Examples
/// ```
/// use emvqr::unified::{UnifiedAccounts, UnifiedIdentifiers, unified_builder_with};
/// let accounts = UnifiedAccounts { unionpay: "6200000012345678", tenpay: "1900012345", alipay: "https://qr.alipay.com/fkx12345" };
/// let ids = UnifiedIdentifiers { tenpay: "COM.QQ.WEIXIN.PAY", ..UnifiedIdentifiers::CONVENTION };
/// let text = unified_builder_with(&accounts, &ids).encode_unchecked()?;
/// assert!(text.contains("0017COM.QQ.WEIXIN.PAY"));
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct UnifiedIdentifiers<'a> {
    /// The GUID of the Tenpay template (26.00).
    pub tenpay: &'a str,
    /// The GUID of the Alipay template (27.00).
    pub alipay: &'a str,
}

impl UnifiedIdentifiers<'static> {
    /// Today's conventions: [`TENPAY_GUID`] and [`ALIPAY_GUID`].
    pub const CONVENTION: UnifiedIdentifiers<'static> = UnifiedIdentifiers {
        tenpay: TENPAY_GUID,
        alipay: ALIPAY_GUID,
    };
}

impl Default for UnifiedIdentifiers<'static> {
    fn default() -> Self {
        UnifiedIdentifiers::CONVENTION
    }
}

/// A builder with the three accounts set, under today's identifiers
/// ([`UnifiedIdentifiers::CONVENTION`]); add the merchant's other objects (52, 53, 58, 59, 60,
/// ...) and call [`PayloadBuilder::build`].
///
/// # Examples
/// ```
/// use emvqr::unified::{UnifiedAccounts, unified_builder};
/// let accounts = UnifiedAccounts { unionpay: "6200000012345678", tenpay: "1900012345", alipay: "https://qr.alipay.com/fkx12345" };
/// // A dynamic code with an amount, built on the same three accounts.
/// let code = unified_builder(&accounts)
///     .dynamic()
///     .merchant_category_code("5812")
///     .currency("156")
///     .amount("38.00")
///     .country("CN")
///     .merchant_name("NOODLE HOUSE")
///     .merchant_city("SHANGHAI")
///     .build()?;
/// let providers: Vec<_> = emvqr::scan(code.as_str()).candidates().map(|c| c.provider).collect();
/// assert_eq!(providers, ["unionpay", "tenpay", "alipay"]);
/// # Ok::<(), emvqr::Error>(())
/// ```
pub fn unified_builder(accounts: &UnifiedAccounts<'_>) -> PayloadBuilder {
    unified_builder_with(accounts, &UnifiedIdentifiers::CONVENTION)
}

/// [`unified_builder`] with the templates' identifiers given.
pub fn unified_builder_with(
    accounts: &UnifiedAccounts<'_>,
    ids: &UnifiedIdentifiers<'_>,
) -> PayloadBuilder {
    PayloadBuilder::new()
        .merchant_account(UNIONPAY_ID, accounts.unionpay)
        .merchant_template(TENPAY_TEMPLATE, ids.tenpay, &[(1, accounts.tenpay)])
        .merchant_template(ALIPAY_TEMPLATE, ids.alipay, &[(1, accounts.alipay)])
}

/// The merchant details a static unified code needs besides its accounts.
///
/// # Examples
/// ```
/// use emvqr::unified::{Merchant, UnifiedAccounts, unified_code};
/// let accounts = UnifiedAccounts { unionpay: "6200000012345678", tenpay: "1900012345", alipay: "https://qr.alipay.com/fkx12345" };
/// let m = Merchant { category_code: "5812", currency: "156", country: "CN", name: "NOODLE HOUSE", city: "SHANGHAI" };
/// assert_eq!(unified_code(&accounts, &m)?.as_payload().merchant_name(), Some("NOODLE HOUSE"));
/// // A control character in an account is refused, with the decoder's error.
/// let bad = UnifiedAccounts { tenpay: "19000\u{7}12345", ..accounts };
/// assert!(unified_code(&bad, &m).is_err());
/// # Ok::<(), emvqr::Error>(())
/// ```
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Merchant<'a> {
    /// Merchant category code (52).
    pub category_code: &'a str,
    /// ISO 4217 numeric currency (53), `156` for CNY.
    pub currency: &'a str,
    /// ISO 3166-1 alpha-2 country (58).
    pub country: &'a str,
    /// Name (59).
    pub name: &'a str,
    /// City (60).
    pub city: &'a str,
}

/// Builds a static unified code.
///
/// # Errors
/// Any error the strict decoder reports on the result (for example an account value too long
/// for its object, or a control character in it).
///
/// # Examples
/// ```
/// use emvqr::unified::{Merchant, UnifiedAccounts, unified_code};
/// let code = unified_code(
///     &UnifiedAccounts { unionpay: "6200000012345678", tenpay: "1900012345", alipay: "https://qr.alipay.com/fkx12345" },
///     &Merchant { category_code: "5812", currency: "156", country: "CN", name: "NOODLE HOUSE", city: "SHANGHAI" },
/// )?;
/// let tenpay = emvqr::RoutingTable::embedded("tenpay").unwrap();
/// let decision = emvqr::route(code.as_str(), &tenpay);
/// assert_eq!(decision.route().map(|r| (r.provider, r.via)), Some(("tenpay", "direct")));
/// # Ok::<(), emvqr::Error>(())
/// ```
pub fn unified_code(accounts: &UnifiedAccounts<'_>, m: &Merchant<'_>) -> Result<PayloadBuf, Error> {
    unified_builder(accounts)
        .static_code()
        .merchant_category_code(m.category_code)
        .currency(m.currency)
        .country(m.country)
        .merchant_name(m.name)
        .merchant_city(m.city)
        .build()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{RoutingTable, route};

    #[test]
    fn another_tenpay_identifier_routes_the_same() {
        let ids = UnifiedIdentifiers {
            tenpay: "COM.QQ.WEIXIN.PAY",
            ..UnifiedIdentifiers::default()
        };
        let accounts = UnifiedAccounts {
            unionpay: "6200000012345678",
            tenpay: "1900012345",
            alipay: "https://qr.alipay.com/fkx12345",
        };
        let code = unified_builder_with(&accounts, &ids)
            .merchant_category_code("5812")
            .currency("156")
            .country("CN")
            .merchant_name("NOODLE HOUSE")
            .merchant_city("SHANGHAI")
            .build()
            .unwrap();
        let tenpay = RoutingTable::embedded("wechat").unwrap();
        let d = route(code.as_str(), &tenpay);
        assert_eq!(
            d.route().map(|r| (r.provider, r.via)),
            Some(("tenpay", "direct"))
        );
    }

    #[test]
    fn each_wallet_routes_directly() {
        let code = unified_code(
            &UnifiedAccounts {
                unionpay: "6200000012345678",
                tenpay: "1900012345",
                alipay: "https://qr.alipay.com/fkx12345",
            },
            &Merchant {
                category_code: "5812",
                currency: "156",
                country: "CN",
                name: "NOODLE HOUSE",
                city: "SHANGHAI",
            },
        )
        .unwrap();
        for wallet in ["tenpay", "alipay", "unionpay"] {
            let t = RoutingTable::embedded(wallet).unwrap();
            let d = route(code.as_str(), &t);
            let r = d.route().unwrap();
            assert_eq!((r.provider, r.via), (wallet, "direct"));
        }
    }
}
