#!/usr/bin/env python3
"""Generate src/knowledge/iso/tables.rs: ISO 4217 currencies and ISO 3166-1 countries.

Sources (all from PyPI, see spec/iso/README.md for the pinned versions):

* ``iso4217``   ships the ISO 4217 maintenance agency's "list one" XML
                (current currencies, with ISO minor units). Used for every
                currency code, numeric code and exponent.
* ``pycountry`` ships Debian's iso-codes ISO 3166-1 list. Used for the set of
                officially assigned alpha-2 codes.
* ``babel``     ships CLDR supplemental data. Used for which currencies are
                legal tender in each territory.

Run from anywhere: ``python3 spec/iso/generate.py``. The output depends only on
the installed package data, never on the clock or the environment, so a re-run
with the same packages rewrites the same bytes. On success the script prints a
single summary line; on any inconsistency it exits non-zero with a message on
standard error and writes nothing.
"""

from __future__ import annotations

import sys
import xml.etree.ElementTree as ET
from datetime import date
from importlib import metadata, resources
from pathlib import Path

try:
    import iso4217
    import pycountry
    from babel.core import get_global
    from babel.numbers import get_territory_currencies
except ImportError as err:  # pragma: no cover - environment problem
    sys.exit(
        f"generate.py: {err}; install the data packages first:\n"
        "  python3 -m pip install iso4217==1.16.20260101 pycountry==26.2.16 babel==2.18.0"
    )

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "src" / "iso" / "tables.rs"

# Excluded by name, whatever the data says about them (ISO 4217 codes that are
# not money a merchant can be paid in).
FUNDS = {"BOV", "CHE", "CHW", "CLF", "COU", "MXV", "USN", "UYI", "UYW"}
PRECIOUS_METALS = {"XAU", "XAG", "XPD", "XPT"}
UNITS_OF_ACCOUNT = {"XDR", "XSU", "XUA", "XAD"}
BOND_MARKET_UNITS = {"XBA", "XBB", "XBC", "XBD"}
SPECIAL = {"XTS", "XXX"}
EXCLUDED = FUNDS | PRECIOUS_METALS | UNITS_OF_ACCOUNT | BOND_MARKET_UNITS | SPECIAL

# Supranational ("X..") codes that are real regional currencies and are kept.
# Any other X code appearing in the data stops the script, so that a new unit
# of account is looked at by a person before it is listed.
REGIONAL = {"XAF", "XCD", "XCG", "XOF", "XPF"}

# Minor units checked by hand against the ISO 4217 list; the script refuses to
# run if the data disagrees.
HAND_CHECKED = {
    "CNY": (156, 2), "HKD": (344, 2), "IDR": (360, 2), "JPY": (392, 0),
    "KRW": (410, 0), "MYR": (458, 2), "NPR": (524, 2), "PHP": (608, 2),
    "SGD": (702, 2), "VND": (704, 0), "THB": (764, 2), "USD": (840, 2),
    "EUR": (978, 2), "BRL": (986, 2), "KHR": (116, 2), "INR": (356, 2),
    "ISK": (352, 0), "BHD": (48, 3), "KWD": (414, 3), "CLP": (152, 0),
    "UGX": (800, 0), "HUF": (348, 2),
}

# Corrections to CLDR's territory currencies: territory -> (what CLDR is
# expected to say, what is used instead). If CLDR stops saying the expected
# value the script fails, so that the correction is reviewed and dropped.
TERRITORY_CORRECTIONS = {
    # Bulgaria adopted the euro on 2026-01-01; ISO 4217 list one (2026-01-01)
    # lists Bulgaria under EUR and no longer lists BGN. CLDR 47 predates this.
    "BG": (("BGN",), ("EUR",)),
}

EXPECTED_COUNTRIES = 249


def fail(msg: str) -> None:
    sys.exit(f"generate.py: {msg}")


def version(dist: str) -> str:
    return metadata.version(dist)


def load_currencies():
    """Returns [(numeric, alpha, exponent, name)] sorted by numeric code."""
    root = ET.fromstring(resources.files("iso4217").joinpath("table.xml").read_bytes())
    published = root.attrib.get("Pblshd", "")
    entries: dict[str, tuple[int, int | None, str, bool]] = {}
    for node in root.iter("CcyNtry"):
        alpha = (node.findtext("Ccy") or "").strip()
        if not alpha:
            continue  # a territory without a currency of its own
        name_node = node.find("CcyNm")
        name = " ".join((name_node.text or "").split()) if name_node is not None else ""
        is_fund = name_node is not None and name_node.attrib.get("IsFund", "").lower() == "true"
        number_text = (node.findtext("CcyNbr") or "").strip()
        units_text = (node.findtext("CcyMnrUnts") or "").strip()
        if not number_text.isdigit() or len(number_text) != 3:
            fail(f"{alpha}: numeric code {number_text!r} is not three digits")
        numeric = int(number_text)
        exponent = int(units_text) if units_text.isdigit() else None
        entry = (numeric, exponent, name, is_fund)
        previous = entries.setdefault(alpha, entry)
        if previous[:2] != entry[:2]:
            fail(f"{alpha}: conflicting entries {previous} and {entry}")

    kept = []
    for alpha, (numeric, exponent, name, is_fund) in entries.items():
        if alpha in EXCLUDED or is_fund or exponent is None:
            continue
        if alpha.startswith("X") and alpha not in REGIONAL:
            fail(f"{alpha} ({numeric}, {name}) is a new supranational code: "
                 "decide whether to keep it (REGIONAL) or exclude it (EXCLUDED)")
        if not (0 <= exponent <= 9) or not (1 <= numeric <= 999):
            fail(f"{alpha}: out of range numeric {numeric} / exponent {exponent}")
        kept.append((numeric, alpha, exponent, name))
    kept.sort()

    numbers = [c[0] for c in kept]
    alphas = [c[1] for c in kept]
    if len(set(numbers)) != len(numbers) or len(set(alphas)) != len(alphas):
        fail("duplicate numeric or alphabetic codes after filtering")
    by_alpha = {c[1]: c for c in kept}
    for alpha, (numeric, exponent) in HAND_CHECKED.items():
        got = by_alpha.get(alpha)
        if got is None or (got[0], got[2]) != (numeric, exponent):
            fail(f"hand-checked {alpha} {numeric}/{exponent} disagrees with data: {got}")
    for alpha in REGIONAL - {"XCG"}:
        if alpha not in by_alpha:
            fail(f"regional currency {alpha} missing from the data")
    return kept, published


def load_countries(currencies, as_of: date):
    """Returns [(alpha2, [numeric...], name)] sorted by alpha-2."""
    numeric_of = {alpha: numeric for numeric, alpha, _, _ in currencies}
    countries = []
    seen_corrections = set()
    for country in pycountry.countries:
        alpha2 = country.alpha_2
        if len(alpha2) != 2 or not alpha2.isascii() or not alpha2.isupper():
            fail(f"odd alpha-2 code {alpha2!r}")
        tender = tuple(get_territory_currencies(alpha2, start_date=as_of, tender=True))
        if alpha2 in TERRITORY_CORRECTIONS:
            expected, replacement = TERRITORY_CORRECTIONS[alpha2]
            if tuple(sorted(tender)) != tuple(sorted(expected)):
                fail(f"CLDR now gives {alpha2} {tender}, not {expected}: review the correction")
            tender = replacement
            seen_corrections.add(alpha2)
        numbers = []
        for alpha in tender:
            if alpha not in numeric_of:
                fail(f"{alpha2}: CLDR tender currency {alpha} is not in the currency table")
            numbers.append(numeric_of[alpha])
        countries.append((alpha2, sorted(set(numbers)), country.name))
    countries.sort()
    if len(countries) != EXPECTED_COUNTRIES:
        fail(f"{len(countries)} ISO 3166-1 countries, expected {EXPECTED_COUNTRIES}")
    if len({c[0] for c in countries}) != len(countries):
        fail("duplicate alpha-2 codes")
    if seen_corrections != set(TERRITORY_CORRECTIONS):
        fail("a territory correction names an unknown territory")
    return countries


def render(currencies, countries, published: str, as_of: date) -> str:
    cldr = get_global("cldr").get("version", "?")
    lines = [
        "// @generated by spec/iso/generate.py -- DO NOT EDIT.",
        "// Regenerate with `python3 spec/iso/generate.py` (see spec/iso/README.md).",
        "//",
        f"// Data: iso4217 {version('iso4217')} (ISO 4217 list one published {published}),",
        f"//       pycountry {version('pycountry')} (ISO 3166-1),",
        f"//       babel {version('babel')} (CLDR {cldr} territory currencies, legal tender on {as_of.isoformat()}).",
        "",
        "// Included into src/knowledge/iso.rs, beside the types it uses.",
        "",
        "/// Active ISO 4217 currencies that are money (no funds, metals, units of",
        "/// account, bond-market units, XTS or XXX), sorted by numeric code.",
        "pub(crate) static CURRENCIES: &[Currency] = &[",
    ]
    for numeric, alpha, exponent, _name in currencies:
        lines.append(f'    Currency::new({numeric}, "{alpha}", {exponent}),')
    lines += [
        "];",
        "",
        "/// Officially assigned ISO 3166-1 alpha-2 codes, sorted, each with the numeric",
        "/// codes of the currencies that are legal tender there, sorted.",
        "pub(crate) static COUNTRIES: &[Country] = &[",
    ]
    for alpha2, numbers, _name in countries:
        joined = ", ".join(str(n) for n in numbers)
        lines.append(f'    Country::new("{alpha2}", &[{joined}]),')
    lines += ["];", ""]
    return "\n".join(lines)


def main() -> None:
    currencies, published = load_currencies()
    try:
        as_of = date.fromisoformat(published)
    except ValueError:
        as_of = iso4217.__published__
    countries = load_countries(currencies, as_of)
    text = render(currencies, countries, published, as_of)
    OUT.parent.mkdir(parents=True, exist_ok=True)
    OUT.write_text(text, encoding="utf-8", newline="\n")
    empty = sum(1 for c in countries if not c[1])
    print(
        f"wrote {OUT.relative_to(ROOT)}: {len(currencies)} currencies, "
        f"{len(countries)} countries ({empty} without a currency), "
        f"{len(TERRITORY_CORRECTIONS)} territory correction(s)"
    )


if __name__ == "__main__":
    main()
