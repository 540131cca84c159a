#!/usr/bin/env python3
"""Writes spec/interop.md (to standard output) from the JSON reports of run_interop.sh.

Usage: interop_table.py DIR, where DIR holds emvqr.json, qriskit.json, promptparse.json (the
`emvqr conform --report json` of each implementation) and versions.json.
"""

import json
import pathlib
import sys

SPEC = pathlib.Path(__file__).resolve().parent.parent

IMPLEMENTATIONS = [
    {
        "name": "emvqr",
        "label": "emvqr (`emvqr serve-conformance`)",
        "registry": "crates.io (this crate)",
        "command": "emvqr serve-conformance",
        "reports": "verdict, error code, offset, path, fields, warnings",
    },
    {
        "name": "qriskit",
        "label": "qriskit",
        "registry": "PyPI",
        "command": "python spec/adapters/python/qriskit_adapter.py",
        "reports": "verdict; error code when the library reports exactly one error that maps "
        "to one code; fields",
    },
    {
        "name": "promptparse",
        "label": "promptparse",
        "registry": "npm",
        "command": "node spec/adapters/js/promptparse_adapter.js",
        "reports": "verdict and fields (the library gives no reason for a refusal)",
    },
    {
        "name": "pix-utils",
        "label": "pix-utils",
        "registry": "npm",
        "command": "node spec/adapters/js/pix_utils_adapter.js",
        "reports": "verdict, on Pix payloads only (the others are skipped)",
    },
]

# The three most telling disagreements of each implementation: vector id and why it matters.
# The outcome shown beside each is read from the report, so a library that changes shows here.
TELLING = {
    "qriskit": [
        (
            "mpm-annex-b",
            "The specification's own worked example is refused: the library applies QRIS's "
            "layout of merchant-account sub-objects (01 a numeric merchant PAN, 03 a merchant "
            "criteria of exactly 3 characters) to every template 26-51, whatever its GUID; "
            "here 31.03 is too long. The same rule refuses every Pix code, whose 26.01 is the "
            "Pix key (an e-mail, a phone number or a UUID).",
        ),
        (
            "mpm-hostile-g1-rlo-plain",
            "A right-to-left override (U+202E) in the merchant name (format ans) is accepted: "
            "the name a wallet shows can be reordered to spoof another merchant.",
        ),
        (
            "mpm-hostile-f7-jpy-decimal",
            "An amount with decimals in yen (JPY has no minor unit) is accepted: the amount "
            "rule is the rupiah's, whatever the currency.",
        ),
    ],
    "promptparse": [
        (
            "mpm-annex-b",
            "The specification's own worked example is refused: the CRC is computed over each "
            "character's UTF-16 code unit cut to 8 bits instead of over the UTF-8 bytes, so "
            "any payload with non-ASCII text (64/01 here, Pix names with accents) fails its "
            "checksum.",
        ),
        (
            "mpm-hostile-b1-duplicate-name",
            "Two merchant names (59 twice) are accepted; which one a wallet shows is up to the "
            "wallet, so the payer may see a name the payee did not sign for.",
        ),
        (
            "mpm-hostile-b3-length-99-swallows-crc",
            "A length that runs past the end of the payload is accepted: the value is cut "
            "short silently, so a structurally broken payload parses as a valid one.",
        ),
    ],
    "pix-utils": [
        (
            "mpm-hostile-b2-duplicate-pix-key",
            "A Pix template holding two keys (26.01 twice) is accepted, and the library "
            "returns the second key (evil@example.com) while a reader that keeps the first "
            "pays loja@example.com: two wallets would send the money to different accounts.",
        ),
        (
            "mpm-hostile-f1-amount-exponent",
            "The amount '1e3' is accepted and read as 1000 (JavaScript number coercion); "
            "'1,000.00' is accepted too and read as 0 (mpm-hostile-f6-amount-thousands).",
        ),
        (
            "mpm-hostile-c5-two-crcs",
            "Two CRC objects, each valid for its prefix, are accepted: what follows the first "
            "63 is not covered by the checksum the specification defines.",
        ),
    ],
}


def load(directory, name):
    return json.loads((directory / f"{name}.json").read_text(encoding="utf-8"))


def vectors_by_id():
    found = {}
    for path in sorted(SPEC.glob("*/*.json")):
        try:
            items = json.loads(path.read_text(encoding="utf-8"))
        except ValueError:
            continue
        if isinstance(items, list):
            for item in items:
                if isinstance(item, dict) and "id" in item:
                    found[item["id"]] = item
    return found


def cell(tally):
    text = f"{tally['passed']} / {tally['failed']}"
    if tally["skipped"]:
        text += f" ({tally['skipped']} skipped)"
    return text


def kinds_of_failure(report, vectors):
    counts = {"accepted an invalid payload": 0, "refused a valid payload": 0,
              "other error code or position": 0, "other fields or warnings": 0,
              "crash, time-out or protocol": 0}
    for v in report["vectors"]:
        if v["result"] not in ("fail", "unexpected_pass"):
            continue
        reason = v["reason"] or ""
        if reason.startswith("accepted"):
            counts["accepted an invalid payload"] += 1
        elif reason.startswith("rejected"):
            counts["refused a valid payload"] += 1
        elif reason.startswith("error "):
            counts["other error code or position"] += 1
        elif reason.startswith(("fields", "warnings")):
            counts["other fields or warnings"] += 1
        else:
            counts["crash, time-out or protocol"] += 1
    return counts


def main():
    directory = pathlib.Path(sys.argv[1])
    versions = json.loads((directory / "versions.json").read_text(encoding="utf-8"))
    reports = {i["name"]: load(directory, i["name"]) for i in IMPLEMENTATIONS}
    vectors = vectors_by_id()
    total = len(reports["emvqr"]["vectors"])
    out = []
    w = out.append
    w("# Interoperability: the vectors against other implementations")
    w("")
    w(f"Generated on {versions['date']} by `spec/adapters/run_interop.sh` (do not edit by hand;")
    w("re-run the script). Each implementation ran all "
      f"{total} vectors under `spec/` through the line protocol of")
    w("`spec/PROTOCOL.md`, with `emvqr conform --report json --expected-failures /dev/null --impl CMD spec`")
    w(f"(emvqr {versions['emvqr']}; Python {versions['python']}; Node {versions['node']}).")
    w("No ledger: every disagreement with the vectors counts as a failure.")
    w("")
    w("## Implementations")
    w("")
    w("| implementation | registry | version | adapter | scored on |")
    w("| --- | --- | --- | --- | --- |")
    for i in IMPLEMENTATIONS:
        w(f"| {i['label']} | {i['registry']} | {versions[i['name']]} | `{i['command']}` | {i['reports']} |")
    w("")
    w("Why these: no EMV QR parser on PyPI ranks among the 15,000 most downloaded packages;")
    w("qriskit is a maintained parser *and validator* of merchant-presented payloads (QRIS, the")
    w("Indonesian profile of EMV MPM) with stable issue codes. On npm, promptparse (about 10,000")
    w("downloads a month) parses any EMVCo QR code and checks its CRC, and pix-utils (about")
    w("34,000 downloads a month) parses and validates Brazil's Pix codes. The adapter for qriskit")
    w("sets aside the two rules only QRIS has (currency 360, country ID), so qriskit is scored on")
    w("its EMVCo checks; the adapter for pix-utils skips the payloads without the Pix GUID, so")
    w("pix-utils is scored on the Pix vectors only. The libraries take text, not bytes: vectors")
    w("given as `payload_hex` that are not UTF-8 are skipped by their adapters.")
    w("")
    w("## Results")
    w("")
    w("| implementation | passed | failed | skipped |")
    w("| --- | ---: | ---: | ---: |")
    for i in IMPLEMENTATIONS:
        r = reports[i["name"]]
        w(f"| {i['label']} | {r['passed']} | {r['failed']} | {r['skipped']} |")
    w("")
    w("### By category (passed / failed)")
    w("")
    categories = sorted({c for r in reports.values() for c in r["categories"]})
    w("| category | " + " | ".join(i["name"] for i in IMPLEMENTATIONS) + " |")
    w("| --- |" + " ---: |" * len(IMPLEMENTATIONS))
    empty = {"passed": 0, "failed": 0, "skipped": 0}
    for c in categories:
        cells = [cell(reports[i["name"]]["categories"].get(c, empty)) for i in IMPLEMENTATIONS]
        w(f"| {c} | " + " | ".join(cells) + " |")
    w("")
    w("Categories: `mpm/hostile-X` is class X of the hostile-input catalogue (A input envelope")
    w("and encoding, B TLV structure, C CRC, D templates and nesting, E field semantics, F amount")
    w("and fees, G Unicode and display hazards, H routing and GUID spoofing, I Pix-specific);")
    w("`mpm/annex_b`, `mpm/real` and `mpm/rules` are the files of the other vectors.")
    w("")
    w("### Failures by kind")
    w("")
    kinds = {i["name"]: kinds_of_failure(reports[i["name"]], vectors) for i in IMPLEMENTATIONS}
    w("| kind | " + " | ".join(i["name"] for i in IMPLEMENTATIONS) + " |")
    w("| --- |" + " ---: |" * len(IMPLEMENTATIONS))
    for k in kinds["emvqr"]:
        w(f"| {k} | " + " | ".join(str(kinds[i['name']][k]) for i in IMPLEMENTATIONS) + " |")
    w("")
    w("## The three most telling disagreements")
    for i in IMPLEMENTATIONS:
        if i["name"] not in TELLING:
            continue
        w("")
        w(f"### {i['label']}")
        w("")
        results = {v["id"]: v for v in reports[i["name"]]["vectors"]}
        for n, (vid, why) in enumerate(TELLING[i["name"]], start=1):
            got = results.get(vid)
            vector = vectors.get(vid, {})
            expect = vector.get("expect", "?")
            if expect == "invalid":
                error = vector.get("error", {})
                expect = f"invalid, `{error.get('code', '?')}` at {error.get('offset', '?')} path `{error.get('path', '?')}`"
            outcome = "not run" if got is None else got["result"]
            reason = "" if got is None or not got["reason"] else f": {got['reason']}"
            w(f"{n}. **`{vid}`** ({vector.get('description', '')}). Expected {expect}; "
              f"got **{outcome}**{reason}.")
            w(f"   {why}")
            if got is not None and got["result"] == "pass":
                w("   *(This vector now passes: pick another disagreement.)*")
    w("")
    sys.stdout.write("\n".join(out))


if __name__ == "__main__":
    main()
