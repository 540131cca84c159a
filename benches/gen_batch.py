#!/usr/bin/env python3
"""Writes a file of payloads, one per line, for timing `emvqr decode --lines`.

The mix is drawn from spec/mpm: the real-world and Annex B payloads that are valid under the
strict defaults make up about 95% of the lines, the rule and hostile vectors (valid and invalid)
the rest. Payloads containing a line break, or given only as hex, are left out.
Deterministic: the same arguments give the same file.

    python3 benches/gen_batch.py /tmp/batch.txt 1000000
"""
import json
import pathlib
import random
import sys

ROOT = pathlib.Path(__file__).resolve().parent.parent / "spec" / "mpm"


def payloads(name, strict_valid):
    """The payloads of one file: only those valid under the strict defaults, or all."""
    out = []
    for v in json.loads((ROOT / name).read_text(encoding="utf-8")):
        p = v.get("payload")
        if p is None or "\n" in p or "\r" in p:
            continue
        if strict_valid and (v["expect"] != "valid" or v.get("options")):
            continue
        out.append(p)
    return out


def main():
    path = sys.argv[1] if len(sys.argv) > 1 else "batch.txt"
    count = int(sys.argv[2]) if len(sys.argv) > 2 else 1_000_000
    typical = payloads("real.json", True) + payloads("annex_b.json", True)
    other = payloads("rules.json", False) + payloads("hostile.json", False)
    rng = random.Random(7)
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        for _ in range(count):
            pool = other if rng.random() < 0.05 else typical
            f.write(rng.choice(pool))
            f.write("\n")


if __name__ == "__main__":
    main()
