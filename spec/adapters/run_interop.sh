#!/usr/bin/env bash
# Regenerates spec/interop.md: runs the vectors under spec/ against this crate (through
# `emvqr serve-conformance`) and against the adapters for other implementations.
#
# Installs qriskit (PyPI) into a virtual environment and promptparse and pix-utils (npm) into
# node_modules, both under target/interop (or $INTEROP_DIR). Needs cargo, python3 (with venv)
# and node/npm.
# Not part of CI: the installs reach the package registries.
set -euo pipefail
cd "$(dirname "$0")/../.."
OUT="${INTEROP_DIR:-target/interop}"
mkdir -p "$OUT/js"
OUT="$(cd "$OUT" && pwd)"

echo "==> building emvqr" >&2
cargo build --quiet --features cli --bin emvqr
EMVQR="$PWD/target/debug/emvqr"

echo "==> installing the Python adapter's library" >&2
[ -x "$OUT/venv/bin/python" ] || python3 -m venv "$OUT/venv"
"$OUT/venv/bin/pip" install --quiet --disable-pip-version-check -r spec/adapters/python/requirements.txt

echo "==> installing the JavaScript adapters' libraries" >&2
cp spec/adapters/js/package.json "$OUT/js/package.json"
(cd "$OUT/js" && npm install --no-audit --no-fund --silent)
export NODE_PATH="$OUT/js/node_modules"

# Each implementation is scored without a ledger: every disagreement shows.
run() {
  local name="$1" cmd="$2" status=0
  echo "==> $name" >&2
  "$EMVQR" conform --report json --expected-failures /dev/null --impl "$cmd" spec \
    >"$OUT/$name.json" 2>"$OUT/$name.log" || status=$?
  if [ "$status" -gt 1 ]; then
    cat "$OUT/$name.log" >&2
    exit "$status"
  fi
  tail -n 1 "$OUT/$name.log" >&2
}
run emvqr "$EMVQR serve-conformance"
run qriskit "$OUT/venv/bin/python spec/adapters/python/qriskit_adapter.py"
run promptparse "node spec/adapters/js/promptparse_adapter.js"
run pix-utils "node spec/adapters/js/pix_utils_adapter.js"

cat >"$OUT/versions.json" <<JSON
{
  "emvqr": "$("$EMVQR" --version | awk '{print $2}')",
  "qriskit": "$("$OUT/venv/bin/python" -c 'import qriskit; print(qriskit.__version__)')",
  "promptparse": "$(node -p "require('$OUT/js/node_modules/promptparse/package.json').version")",
  "pix-utils": "$(node -p "require('$OUT/js/node_modules/pix-utils/package.json').version")",
  "python": "$("$OUT/venv/bin/python" -c 'import platform; print(platform.python_version())')",
  "node": "$(node --version)",
  "date": "$(date -u +%Y-%m-%d)"
}
JSON

python3 spec/adapters/interop_table.py "$OUT" >spec/interop.md
echo "==> wrote spec/interop.md" >&2
