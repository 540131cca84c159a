#!/usr/bin/env python3
"""Generate the knowledge table and the routing tables.

spec/registry/providers.json is the one table of scheme knowledge: every identifier the crate
knows and what it implies (provider, scheme profile, EMVCo amendments, whether it names a
routable account). It becomes src/knowledge/scheme/table.rs; spec/routing/*.json become
src/policy/route/tables.rs. Both are `static` Rust data, so decoding, scanning and routing work
without an allocator. ``--check`` regenerates in memory and exits non-zero when a file on disk
differs (CI and tests/registry.rs keep them in step).

Run from anywhere: ``python3 spec/tools/gen_registry.py [--check]``.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
REGISTRY = ROOT / "spec" / "registry" / "providers.json"
ROUTING = ROOT / "spec" / "routing"
OUT = ROOT / "src" / "knowledge" / "scheme" / "table.rs"
ROUTES_OUT = ROOT / "src" / "policy" / "route" / "tables.rs"

AMENDMENTS = {
    "utf8_names": "UTF8_NAMES",
    "guid_case_warning": "GUID_CASE_WARNING",
    "optional_52_59_60": "OPTIONAL_52_59_60",
    "pfi_02": "PFI_02",
    "account_id_guid": "ACCOUNT_ID_GUID",
    "template_99_no_guid": "TEMPLATE_99_NO_GUID",
    "primitive_82": "PRIMITIVE_82",
}
TEMPLATE_KINDS = ("guid", "aid", "account_id")

CASES = {"exact": "CaseRule::Exact", "ascii_insensitive": "CaseRule::AsciiInsensitive"}


def fail(msg: str) -> None:
    sys.exit(f"gen_registry.py: {msg}")


def s(value: object) -> str:
    if not isinstance(value, str):
        fail(f"expected a string, got {value!r}")
    if any(ord(c) < 0x20 for c in value):
        fail(f"control character in {value!r}")
    return '"' + value.replace("\\", "\\\\").replace('"', '\\"') + '"'


def u8(value: object) -> str:
    if not isinstance(value, int) or not 0 <= value <= 255:
        fail(f"expected 0..=255, got {value!r}")
    return str(value)


def boolean(value: object) -> str:
    if not isinstance(value, bool):
        fail(f"expected a boolean, got {value!r}")
    return "true" if value else "false"


def templates(m: dict) -> str:
    first, last = m.get("templates", [26, 51])
    return f"[{u8(first)}, {u8(last)}]"


def matcher(m: dict, const: str | None = None) -> str:
    """The Rust matcher; a GUID named by `const` is written as that constant."""
    kind = m.get("kind")
    keys = set(m) - {"kind"}
    if kind == "primitive_id" and keys == {"first", "last"}:
        return f"Matcher::PrimitiveId {{ first: {u8(m['first'])}, last: {u8(m['last'])} }}"
    if kind == "guid" and keys in ({"value", "case"}, {"value", "case", "templates"}):
        value = const if const else s(m["value"])
        return (
            f"Matcher::Guid {{ value: {value}, case: {CASES[m['case']]}, "
            f"templates: {templates(m)} }}"
        )
    if kind == "aid" and keys in ({"value", "prefix"}, {"value", "prefix", "templates"}):
        return (
            f"Matcher::Aid {{ value: {s(m['value'])}, prefix: {boolean(m['prefix'])}, "
            f"templates: {templates(m)} }}"
        )
    if kind == "account_id" and keys == {"first", "last", "contains"}:
        return (
            f"Matcher::AccountId {{ first: {u8(m['first'])}, last: {u8(m['last'])}, "
            f"contains: {s(m['contains'])} }}"
        )
    if kind == "url" and keys == {"prefix", "case"}:
        return f"Matcher::Url {{ prefix: {s(m['prefix'])}, case: {CASES[m['case']]} }}"
    if kind == "url_form" and keys == {"form"}:
        if url_form_match(m["form"], "") is MALFORMED:
            fail(f"malformed url form {m['form']!r}")
        return f"Matcher::UrlForm {{ form: {s(m['form'])} }}"
    if kind == "url_path" and keys == {"path_prefix"}:
        return f"Matcher::UrlPath {{ path_prefix: {s(m['path_prefix'])} }}"
    if kind == "paycode" and keys == {"pattern", "min_len", "max_len"}:
        return (
            f"Matcher::Paycode {{ pattern: {s(m['pattern'])}, min_len: {u8(m['min_len'])}, "
            f"max_len: {u8(m['max_len'])} }}"
        )
    if kind == "cpm_aid" and keys == {"value", "prefix"}:
        return f"Matcher::CpmAid {{ value: {s(m['value'])}, prefix: {boolean(m['prefix'])} }}"
    if kind == "cpm_format" and keys == {"prefix"}:
        return f"Matcher::CpmFormat {{ prefix: {s(m['prefix'])} }}"
    fail(f"unknown matcher {m!r}")
    return ""


MALFORMED = object()

QUERY = set("-._~%!$&'()*+,;=:@/?")
CLASSES = {
    "d": lambda c: c in "0123456789",
    "a": lambda c: c.isascii() and c.isalnum(),
    "t": lambda c: c.isascii() and (c.isalnum() or c in "_-"),
    "n": lambda c: c.isascii() and (c.isalnum() or c in ".-"),
    "h": lambda c: c in "0123456789abcdefABCDEF",
    "q": lambda c: c.isascii() and (c.isalnum() or c in QUERY),
    "f": lambda c: c.isascii() and (c.isalnum() or c in QUERY or c == "#"),
}


def url_form_match(form: str, text: str):
    """The URL form grammar of `identifier::url_form_match`, written again here to check the
    data's forms against their examples and lookalikes: the captured text ('' when none), None
    when `text` is not of the form, MALFORMED for a malformed form."""
    at, i, captured = 0, 0, ""
    while i < len(form):
        c = form[i]
        if c == "{":
            end = form.find("}", i)
            if end < 0:
                return MALFORMED
            spec = form[i + 1:end]
            capture = spec.endswith("!")
            spec = spec[:-1] if capture else spec
            if not spec or spec[0] not in CLASSES:
                return MALFORMED
            counts = spec[1:].split("-")
            if not all(n.isdigit() and 0 < len(n) <= 4 for n in counts) or len(counts) > 2:
                return MALFORMED
            lo, hi = int(counts[0]), int(counts[-1])
            if lo > hi or hi == 0:
                return MALFORMED
            start = at
            while at - start < hi and at < len(text) and CLASSES[spec[0]](text[at]):
                at += 1
            if at - start < lo:
                return None
            if capture:
                captured = text[start:at]
            i = end + 1
        elif c == "(":
            end = form.find(")", i)
            if end < 0:
                return MALFORMED
            words = [w for w in form[i + 1:end].split("|") if w]
            word = next((w for w in words if text[at:at + len(w)].lower() == w.lower()), None)
            if word is None:
                return None
            at += len(word)
            i = end + 1
        else:
            if at >= len(text) or text[at].lower() != c.lower() or not text[at].isascii():
                return None
            at += 1
            i += 1
    return captured if at == len(text) else None


def url_keys(m: dict) -> tuple[str, list[str]]:
    """Where scanning looks a URL rule up: ("host", ["scheme://host", ...]) when the rule's
    authority is literal, so that every code it matches has one of those (in either ASCII case);
    otherwise ("scheme", [scheme]), tried on every code of its scheme."""
    if m["kind"] == "url_path":
        return "scheme", ["https"]
    head = m.get("prefix", m.get("form", ""))
    scheme, rest = head.split("://", 1)
    scheme = scheme.lower()
    hosts, i, form = [""], 0, m["kind"] == "url_form"
    while i < len(rest):
        c = rest[i]
        if c in "/?#":
            break
        if form and c == "{":
            return "scheme", [scheme]
        if form and c == "(":
            end = rest.find(")", i)
            words = [w for w in rest[i + 1:end].split("|") if w]
            if end < 0 or not words or any(set(w) & set("/?#{(") for w in words):
                return "scheme", [scheme]
            hosts = [h + w for h in hosts for w in words]
            i = end + 1
            continue
        hosts = [h + c for h in hosts]
        i += 1
    else:
        # A prefix that ends inside its host matches longer hosts too.
        if not form:
            return "scheme", [scheme]
    if not all(hosts):
        return "scheme", [scheme]
    return "host", [f"{scheme}://{h.lower()}" for h in hosts]


def url_authority(text: str) -> tuple[str, str] | None:
    """A code's scheme and `scheme://host` (host up to the first `/`, `?` or `#`), lower case,
    as `scheme::url_rules` reads them; None without a scheme of 1-10 ASCII letters."""
    n = 0
    while n < len(text) and n <= 10 and text[n].isascii() and text[n].isalpha():
        n += 1
    if not 1 <= n <= 10 or not text[n:].startswith("://"):
        return None
    rest = text[n + 3:]
    end = min([rest.find(c) for c in "/?#" if c in rest], default=len(rest))
    return text[:n].lower(), text[:n + 3 + end].lower()


def hexdigits(v: str) -> bool:
    return len(v) > 0 and all(c in "0123456789abcdefABCDEF" for c in v)


def guid_well_formed(v: str) -> bool:
    """The GUID grammar of MPM 4.7.11 (spec/README.md): an AID, a UUID without hyphens, or a
    reverse domain name. The decoder trusts the table's GUIDs and AIDs to be well-formed."""
    if len(v) > 32 or not v.isascii():
        return False
    if hexdigits(v) and 10 <= len(v) <= 32 and len(v) % 2 == 0:
        return True
    labels = v.split(".")
    if len(labels) < 2 or not labels[0].isalpha():
        return False
    for label in labels:
        if not 1 <= len(label) <= 63 or label[0] == "-" or label[-1] == "-":
            return False
        if not all(c.isalnum() or c == "-" for c in label):
            return False
    return True


def template_range(m: dict) -> tuple[int, int]:
    if m["kind"] == "account_id":
        return m["first"], m["last"]
    first, last = m.get("templates", [26, 51])
    return first, last


def load() -> tuple[list, list, list, dict]:
    reg = json.loads(REGISTRY.read_text(encoding="utf-8"))
    providers = reg["providers"]
    # The registry's rules, then the identifiers that name no account to route to.
    rules = reg["rules"] + [dict(r, registry=False) for r in reg.get("not_routed", [])]
    if set(reg) - {"format", "version", "providers", "rules", "not_routed"}:
        fail("unknown top-level key")
    ids = [p["id"] for p in providers]
    if len(set(ids)) != len(ids):
        fail("duplicate provider id")
    by_id = {p["id"]: p for p in providers}
    for p in providers:
        if set(p) - {"id", "name", "source", "profile", "amendments", "countries", "family",
                     "serves", "account"}:
            fail(f"provider {p['id']!r}: unknown keys")
        for w in p.get("serves", []):
            if w not in ids:
                fail(f"provider {p['id']!r}: serves {w!r}, no provider")
        if "account" in p:
            if url_form_match(p["account"]["form"], "") is MALFORMED:
                fail(f"provider {p['id']!r}: malformed account form")
            for example in p["account"].get("examples", []):
                if url_form_match(p["account"]["form"], example) in (None, MALFORMED):
                    fail(f"provider {p['id']!r}: account form does not match {example!r}")
        for a in p.get("amendments", []):
            if a not in AMENDMENTS:
                fail(f"provider {p['id']!r}: unknown amendment {a!r}")
        if p.get("amendments") and "profile" not in p:
            fail(f"provider {p['id']!r}: amendments without a profile")
        for c in p.get("countries", []):
            if not (len(c) == 2 and c.isascii() and c.isupper()):
                fail(f"provider {p['id']!r}: country {c!r} is not ISO 3166-1 alpha-2")
        if p.get("countries") and "profile" not in p:
            fail(f"provider {p['id']!r}: countries without a profile")
    for rule in rules:
        if rule["provider"] not in ids:
            fail(f"rule for unknown provider {rule['provider']!r}")
        if set(rule) - {"provider", "match", "source", "registry", "const", "examples",
                        "lookalikes"}:
            fail(f"rule of {rule['provider']!r}: unknown keys")
        # Every URL rule starts with a scheme: scanning tries them only on a text that does.
        m = rule["match"]
        if m["kind"] in ("url", "url_form"):
            head = m.get("prefix", m.get("form", ""))
            scheme = head.split("://", 1)[0]
            if "://" not in head or not (scheme.isascii() and scheme.isalpha()
                                         and len(scheme) <= 10):
                fail(f"rule of {rule['provider']!r}: a URL rule starts with a scheme")
        # A URL form's examples are of the form, its lookalikes are not.
        if ("examples" in rule or "lookalikes" in rule) and rule["match"]["kind"] != "url_form":
            fail(f"rule of {rule['provider']!r}: examples are for URL forms")
        for example in rule.get("examples", []):
            if url_form_match(rule["match"]["form"], example) in (None, MALFORMED):
                fail(f"{rule['match']['form']!r} does not match its example {example!r}")
            # The index by scheme and host finds the rule from its example.
            how, keys = url_keys(rule["match"])
            scheme, authority = url_authority(example) or ("", "")
            if (authority if how == "host" else scheme) not in keys:
                fail(f"{rule['match']['form']!r}: its example {example!r} is not under {keys}")
        for lookalike in rule.get("lookalikes", []):
            if url_form_match(rule["match"]["form"], lookalike) is not None:
                fail(f"{rule['match']['form']!r} matches its lookalike {lookalike!r}")
        if "const" in rule and (rule["match"]["kind"] != "guid" or not rule["const"].isupper()):
            fail(f"{rule['match']!r}: a named constant is for a GUID, in upper case")
        if rule.get("registry", True) is not True and rule["match"]["kind"] not in TEMPLATE_KINDS:
            fail(f"{rule['match']!r}: only template identifiers may be left out of the registry")
        m = rule["match"]
        if m["kind"] in TEMPLATE_KINDS:
            first, last = template_range(m)
            if not 26 <= first <= last <= 51:
                fail(f"{m!r}: templates outside 26-51")
            if m["kind"] in ("guid", "aid") and not guid_well_formed(m["value"]):
                fail(f"{m!r}: not a well-formed GUID")
            if m["kind"] == "aid" and not hexdigits(m["value"]):
                fail(f"{m!r}: an AID is hex digits")
            if m["kind"] == "account_id" and m["contains"] in ("", "."):
                fail(f"{m!r}: an account ID rule needs a distinctive character")
    # No two template rows match one identifier: a lookup's first match is its only one.
    exact = {}
    for rule in rules:
        m = rule["match"]
        if m["kind"] in ("guid", "aid") and not m.get("prefix", False):
            first, last = template_range(m)
            for t in range(first, last + 1):
                key = (t, m["value"].lower())
                if key in exact:
                    fail(f"{m['value']!r} in template {t} is matched by two rows")
                exact[key] = True
    others = [r["match"] for r in rules if r["match"]["kind"] in ("aid", "account_id")]
    others = [m for m in others if m["kind"] == "account_id" or m.get("prefix", False)]
    for m in others:
        for _, key in exact:
            if m["kind"] == "aid" and key.startswith(m["value"].lower()):
                fail(f"prefix AID {m['value']!r} overlaps {key!r}")
            if m["kind"] == "account_id" and m["contains"] in key:
                fail(f"account ID rule {m!r} overlaps {key!r}")
    if len(others) > 1:
        fail("more than one template row matched otherwise than by value: check their overlap")
    tables = []
    for path in sorted(ROUTING.glob("*.json")):
        t = json.loads(path.read_text(encoding="utf-8"))
        if path.stem != t["wallet"]:
            fail(f"{path.name}: wallet {t['wallet']!r} differs from the file name")
        if set(t) - {"format", "version", "wallet", "name", "source", "routes", "aliases"}:
            fail(f"{path.name}: unknown keys")
        for route in t["routes"]:
            if route["provider"] not in ids:
                fail(f"{path.name}: unknown provider {route['provider']!r}")
            if route["via"] != "direct" and route["via"] not in ids:
                fail(f"{path.name}: unknown network {route['via']!r}")
            if not isinstance(route["cost"], int) or not 0 <= route["cost"] <= 65535:
                fail(f"{path.name}: cost must be 0..=65535")
        tables.append(t)
    return providers, rules, tables, by_id


def amendments(provider: dict) -> str:
    names = provider.get("amendments", [])
    if not names:
        return "Amendments::NONE"
    expr = f"Amendments::{AMENDMENTS[names[0]]}"
    for a in names[1:]:
        expr += f".with(Amendments::{AMENDMENTS[a]})"
    return expr


def generate() -> str:
    providers, rules, _, by_id = load()
    if len(rules) > 254:
        fail("more than 254 rows (a payload's index keeps a row in a byte)")
    out = [
        "// @generated by spec/tools/gen_registry.py from spec/registry/providers.json.",
        "// Do not edit: edit the JSON and re-run the script.",
        "",
        "/// The embedded providers, in registry order.",
        f"pub(crate) static PROVIDERS: [Provider<'static>; {len(providers)}] = [",
    ]
    for p in providers:
        out.append(
            f"    Provider {{ id: {s(p['id'])}, name: {s(p['name'])}, source: {s(p['source'])} }},"
        )
    out.append("];")
    out.append("")
    for r in rules:
        if "const" in r:
            out.append(f"/// The GUID of {by_id[r['provider']]['name']}'s template, as the data spells it.")
            out.append(f"pub(crate) const {r['const']}: &str = {s(r['match']['value'])};")
            out.append("")
    out.append("/// Every identifier and what it implies, in data order.")
    out.append(f"static ROWS: [Row; {len(rules)}] = [")
    registered = 0
    index = {}
    for i, r in enumerate(rules):
        provider = by_id[r["provider"]]
        profile = f"Some(Profile::{provider['profile']})" if "profile" in provider else "None"
        if r.get("registry", True):
            index[i] = registered
            reg = f"Some({registered})"
            registered += 1
        else:
            reg = "None"
        out.append("    Row {")
        out.append("        rule: Rule {")
        out.append(f"            provider: {s(r['provider'])},")
        out.append(f"            matcher: {matcher(r['match'], r.get('const'))},")
        out.append(f"            source: {s(r['source'])},")
        out.append("        },")
        out.append(f"        profile: {profile},")
        out.append(f"        amendments: {amendments(provider)},")
        out.append(f"        registry: {reg},")
        out.append("    },")
    out.append("];")
    out.append("")
    out.append("/// The embedded registry's rules: the registered rows, in row order.")
    out.append(f"pub(crate) static RULES: [Rule<'static>; {registered}] = registered(&ROWS);")
    out.append("")
    # Template rows matched by value: by the length of the identifier.
    by_len = [[] for _ in range(33)]
    other, primitive, whole, url_hosts, url_schemes = [], [], [], {}, {}
    for i, r in enumerate(rules):
        m = r["match"]
        k = m["kind"]
        if k in ("guid", "aid") and not m.get("prefix", False):
            by_len[len(m["value"])].append(i)
        elif k in ("aid", "account_id"):
            other.append(i)
        elif k == "primitive_id":
            primitive.append(index[i])
        elif k in ("url", "url_form", "url_path"):
            how, keys = url_keys(m)
            for key in keys:
                (url_hosts if how == "host" else url_schemes).setdefault(key, []).append(index[i])
        elif k in ("paycode", "cpm_format"):
            whole.append(index[i])
        elif k != "cpm_aid":
            fail(f"unindexed rule kind {k!r}")
    out.append("/// The row of a template identifier written as in the data (the usual case), matched as")
    out.append("/// the compiler matches byte strings; `None` sends the lookup to the other spellings.")
    out.append("#[inline(always)]")
    out.append("fn row_as_written(guid: &[u8], template: u8) -> Option<u16> {")
    out.append("    // By length first: one jump, then the few values of that length.")
    out.append("    match guid.len() {")
    for n, lst in enumerate(by_len):
        if not lst:
            continue
        out.append(f"        {n} => match guid {{")
        for i in lst:
            m = rules[i]["match"]
            first, last = template_range(m)
            out.append(f"            b{s(m['value'])} if ({first}..={last}).contains(&template) => Some({i}),")
        out.append("            _ => None,")
        out.append("        },")
    out.append("        _ => None,")
    out.append("    }")
    out.append("}")
    out.append("")
    def folds(i: int) -> bool:
        m = rules[i]["match"]
        return m["kind"] == "aid" or m.get("case") == "ascii_insensitive"

    out.append("/// The rows that also match an identifier written in another ASCII case (AIDs, and GUIDs")
    out.append("/// whose case rule is `ascii_insensitive`), by the identifier's length: the value as")
    out.append("/// written in the data, and the row.")
    out.append("static OTHER_CASE: [&[(&str, u16)]; 33] = [")
    for lst in by_len:
        keys = ", ".join(f"({s(rules[i]['match']['value'])}, {i})" for i in lst if folds(i))
        out.append(f"    &[{keys}],")
    out.append("];")
    out.append("")
    out.append("/// Template rows matched otherwise (prefix AIDs, account IDs): the templates they are")
    out.append("/// recognised in, and the row, in row order.")
    keys = ", ".join(
        f"([{template_range(rules[i]['match'])[0]}, {template_range(rules[i]['match'])[1]}], {i})"
        for i in other
    )
    out.append(f"static TEMPLATE_OTHER: &[([u8; 2], u16)] = &[{keys}];")
    out.append("")
    by_country = [(c, p) for p in providers for c in p.get("countries", [])]
    if len({c for c, _ in by_country}) != len(by_country):
        fail("a country names two providers")
    out.append("/// The schemes recognised from a payload's country (58) rather than an identifier: the")
    out.append("/// country, the profile and the scheme's amendments.")
    out.append(f"static BY_COUNTRY: [(&str, Profile, Amendments); {len(by_country)}] = [")
    for c, p in by_country:
        out.append(f"    ({s(c)}, Profile::{p['profile']}, {amendments(p)}),")
    out.append("];")
    out.append("")
    for p in providers:
        if p.get("family", p["id"]) not in by_id:
            fail(f"provider {p['id']!r}: family {p['family']!r} is no provider")
    fam = {p["id"]: p.get("family", p["id"]) for p in providers}
    url_kinds = ("url", "url_form", "url_path")
    has_urls = {fam[r["provider"]] for r in rules if r["match"]["kind"] in url_kinds}
    kin = [p for p in providers
           if "family" in p or "serves" in p or "account" in p or fam[p["id"]] in has_urls]
    out.append("/// What the table says of a provider's accounts, for the providers it says anything of.")
    out.append(f"static KIN: [Kin; {len(kin)}] = [")
    for p in kin:
        serves = ", ".join(s(w) for w in p.get("serves", []))
        account = p.get("account", {}).get("form", "")
        out.append(f"    Kin {{ id: {s(p['id'])}, family: {s(fam[p['id']])}, serves: &[{serves}], "
                   f"urls: {boolean(fam[p['id']] in has_urls)}, account: {s(account)} }},")
    out.append("];")
    out.append("")
    out.append("/// The registry's rules to try by family, in rule order.")
    out.append("pub(crate) static INDEX: RuleIndex = RuleIndex {")
    for name, lst in (("primitive", primitive), ("whole", whole)):
        out.append(f"    {name}: &[{', '.join(str(i) for i in lst)}],")
    # A host's list holds its scheme's rules too, so that one lookup gives every rule to try.
    for name, table in (
        ("url_hosts", {k: v + url_schemes.get(k.split("://")[0], []) for k, v in url_hosts.items()}),
        ("url_schemes", url_schemes),
    ):
        out.append(f"    {name}: &[")
        for key in sorted(table):
            out.append(f"        ({s(key)}, &[{', '.join(str(i) for i in sorted(table[key]))}]),")
        out.append("    ],")
    out.append("};")
    return "\n".join(out) + "\n"


def generate_routes() -> str:
    _, _, tables, _ = load()
    out = [
        "// @generated by spec/tools/gen_registry.py from spec/routing/*.json.",
        "// Do not edit: edit the JSON and re-run the script.",
        "",
        "/// The names a user may type for an embedded wallet, and the wallet.",
        "static WALLET_ALIASES: &[(&str, &str)] = &["]
    for t in tables:
        for alias in t.get("aliases", []):
            out.append(f"    ({s(alias)}, {s(t['wallet'])}),")
    out += [
        "];",
        "",
        "/// The embedded routing tables, by wallet name.",
        f"static ROUTING_TABLES: [RoutingTable<'static>; {len(tables)}] = [",
    ]
    for t in tables:
        out.append("    RoutingTable {")
        out.append(f"        wallet: {s(t['wallet'])},")
        out.append(f"        name: {s(t['name'])},")
        out.append(f"        source: {s(t['source'])},")
        out.append("        routes: &[")
        for r in t["routes"]:
            out.append(
                f"            RouteEntry {{ provider: {s(r['provider'])}, via: {s(r['via'])}, "
                f"cost: {r['cost']}, note: {s(r['note'])} }},"
            )
        out.append("        ],")
        out.append("    },")
    out.append("];")
    return "\n".join(out) + "\n"


def main() -> None:
    outputs = ((OUT, generate()), (ROUTES_OUT, generate_routes()))
    if "--check" in sys.argv[1:]:
        for out, text in outputs:
            if not out.exists() or out.read_text(encoding="utf-8") != text:
                fail(f"{out.relative_to(ROOT)} is stale: run python3 spec/tools/gen_registry.py")
        print("gen_registry.py: tables up to date")
        return
    for out, text in outputs:
        out.parent.mkdir(parents=True, exist_ok=True)
        out.write_text(text, encoding="utf-8")
        print(f"gen_registry.py: wrote {out.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
