#!/usr/bin/env python3
"""Prints the median time of every criterion benchmark of the last run as a Markdown table.

    cargo bench --bench decode -- --warm-up-time 1 --measurement-time 3
    python3 benches/summary.py
"""
import json
import pathlib

ROOT = pathlib.Path(__file__).resolve().parent.parent / "target" / "criterion"

rows = []
for est in sorted(ROOT.glob("*/*/new/estimates.json")):
    bench = est.parent.parent
    group = bench.parent.name
    median = json.loads(est.read_text())["median"]["point_estimate"]
    rows.append((group, bench.name, median))
times = {(g, n): t for g, n, t in rows}
print("| group | benchmark | median | vs CRC of the same bytes |")
print("|---|---|---:|---:|")
for group, name, t in rows:
    crc = times.get(("crc", name))
    ratio = f"{t / crc:.1f}×" if crc and group == "decode" else ""
    print(f"| {group} | {name} | {t:.0f} ns | {ratio} |")
