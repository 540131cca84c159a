#!/usr/bin/env bash
# Builds the UniFFI library, checks that generated/ holds the Kotlin and Swift sources it
# generates today, and tests the same interface through UniFFI's Python backend.
#
#     bash bindings/uniffi/check.sh [PYTHON]      (a Python with pytest; default python3)
set -euo pipefail
cd "$(dirname "$0")"
python=${1:-python3}
cargo build --quiet --features cli
cargo test --quiet
lib=target/debug/libemvqr_uniffi.so
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
for language in kotlin swift python; do
    target/debug/uniffi-bindgen generate --no-format --library "$lib" --language "$language" \
        --out-dir "$out/$language" >/dev/null
done
for language in kotlin swift; do
    diff -r generated/"$language" "$out/$language" ||
        { echo "generated/$language is stale: regenerate it (see README)"; exit 1; }
done
cp "$lib" "$out/python/"
EMVQR_UNIFFI_PY="$out/python" "$python" -m pytest -q tests
