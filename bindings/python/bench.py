"""Payloads per second of `emvqr.decode_table` (and `decode_batch`) on one million payloads:
the mix of benches/gen_batch.py and the static Pix code of the BCB manual on every line.
CPU seconds of this process (all threads), best of three.

    python bindings/python/bench.py
"""

import pathlib
import subprocess
import sys
import tempfile
import time

import emvqr

ROOT = pathlib.Path(__file__).resolve().parents[2]
PIX = "00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D"
N = 1_000_000


def best(f, payloads):
    times = []
    for _ in range(3):
        start = time.process_time()
        f(payloads)
        times.append(time.process_time() - start)
    return min(times)


def main():
    with tempfile.TemporaryDirectory() as d:
        mix = pathlib.Path(d) / "mix.txt"
        subprocess.run([sys.executable, str(ROOT / "benches" / "gen_batch.py"), str(mix), str(N)], check=True)
        files = {"mix": mix.read_text(encoding="utf-8").splitlines(), "pix": [PIX] * N}
    print(f"{'file':6} {'call':14} {'CPU s':>7} {'per CPU-s':>10}")
    for name, payloads in files.items():
        for call, f in [("decode_table", emvqr.decode_table), ("decode_batch", emvqr.decode_batch)]:
            cpu = best(f, payloads)
            print(f"{name:6} {call:14} {cpu:7.2f} {len(payloads) / cpu / 1e6:8.2f} M")


if __name__ == "__main__":
    main()
