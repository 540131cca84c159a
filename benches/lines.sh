#!/usr/bin/env bash
# Times `emvqr decode --lines` with and without `--json` on two files of 1,000,000 payloads:
# the mix of `gen_batch.py` and the static Pix code of the BCB manual on every line (a national
# operator's file of one scheme's codes). Prints the best of five runs in CPU seconds (user +
# system, every thread), the payloads per CPU-second and the peak memory.
#
#     bash benches/lines.sh
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --quiet --release --features cli
dir=$(mktemp -d)
trap 'rm -rf "$dir"' EXIT
python3 benches/gen_batch.py "$dir/mix.txt" 1000000
pix='00020126580014br.gov.bcb.pix0136123e4567-e12b-12d1-a456-4266554400005204000053039865802BR5913Fulano de Tal6008BRASILIA62070503***63041D3D'
python3 -c "import sys; sys.stdout.write((sys.argv[1] + '\n') * 1000000)" "$pix" >"$dir/pix.txt"
printf '%-6s %-8s %10s %14s %10s\n' file output "CPU s" "per CPU-s" "peak MB"
for file in mix pix; do
    for json in "" --json; do
        best=""
        for _ in 1 2 3 4 5; do
            /usr/bin/time -o "$dir/time" -f "%U %S %M" \
                target/release/emvqr decode --lines $json "$dir/$file.txt" >/dev/null 2>&1 || true
            read -r user sys peak < <(tail -n 1 "$dir/time")
            cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN { print u + s }')
            if [ -z "$best" ] || awk -v a="$cpu" -v b="$best" 'BEGIN { exit !(a < b) }'; then
                best=$cpu
                best_peak=$peak
            fi
        done
        rate=$(awk -v c="$best" 'BEGIN { printf "%.2f M", 1 / c }')
        printf '%-6s %-8s %10s %14s %10d\n' "$file" "${json:-text}" "$best" "$rate" $((best_peak / 1024))
    done
done
