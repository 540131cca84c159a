#!/bin/sh
# Instructions per decode (and per CRC) under callgrind: repeatable on a loaded machine.
# Runs the compare binary's `count` mode with 0 and N iterations and divides the difference.
# Usage: benches/callgrind.sh [N]   (build first: cd benches/compare && cargo build --release)
set -eu
N=${1:-2000}
BIN="$(dirname "$0")/compare/target/release/emvqr-compare"
ir() {
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$BIN" count "$1" "$2" 2>&1 |
        sed -n 's/.*Collected : *\([0-9]*\).*/\1/p'
}
printf '%-16s %12s\n' input "Ir/run"
for input in typical dynamic annex_b maximal stale_crc pix emvonly-typical emvonly-dynamic emvonly-annex_b crc-typical crc-dynamic crc-annex_b crc-maximal crc-stale_crc build-typical route-pix route-unified; do
    base=$(ir "$input" 0)
    full=$(ir "$input" "$N")
    printf '%-16s %12s\n' "$input" "$(( (full - base) / N ))"
done
