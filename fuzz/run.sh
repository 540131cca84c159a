#!/usr/bin/env bash
# A time-bounded run of every fuzz target, for use before a release.
#
#   fuzz/run.sh [SECONDS_PER_TARGET] [TARGET...]
#
# Default: 600 seconds per target, every target listed in fuzz/Cargo.toml. Each target runs on
# its committed corpus (grown in place; commit what it adds) with its dictionary, and prints
# executions, executions per second, coverage and the corpus units it added. Any crash stops
# that target and leaves the input under fuzz/artifacts/<target>/; the script then exits 1.
set -uo pipefail
cd "$(dirname "$0")"

secs=${1:-600}
shift || true
if [ $# -gt 0 ]; then
    targets=("$@")
else
    mapfile -t targets < <(sed -n 's/^name = "\(.*\)"/\1/p' Cargo.toml | grep -v '^emvqr-fuzz$')
fi

command -v cargo-fuzz >/dev/null || cargo install cargo-fuzz --locked
export RUSTC_BOOTSTRAP=1

dict_for() {
    case "$1" in
        cpm*) echo "-dict=dict/cpm.dict" ;;
        image*) echo "-dict=dict/image.dict" ;;
        *) echo "-dict=dict/mpm.dict" ;;
    esac
}

failed=0
summary=()
for t in "${targets[@]}"; do
    mkdir -p "corpus/$t" "artifacts/$t"
    log=$(mktemp)
    echo "==> $t (${secs}s)"
    # shellcheck disable=SC2046
    cargo fuzz run -O "$t" "corpus/$t" -- -max_total_time="$secs" -print_final_stats=1 \
        $(dict_for "$t") >"$log" 2>&1
    status=$?
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log" | tail -1)
    added=$(sed -n 's/^stat::new_units_added: *//p' "$log" | tail -1)
    cov=$(grep -o 'cov: [0-9]*' "$log" | tail -1 | cut -d' ' -f2)
    verdict=ok
    if [ $status -ne 0 ]; then
        verdict="CRASH (exit $status; see $log and artifacts/$t/)"
        failed=1
        tail -30 "$log"
    else
        rm -f "$log"
    fi
    summary+=("$(printf '%-16s %12s execs %8s exec/s  cov %6s  +%s units  %s' \
        "$t" "${execs:-?}" "${rate:-?}" "${cov:-?}" "${added:-?}" "$verdict")")
done

echo
echo "target           executions           rate     coverage  new      verdict"
printf '%s\n' "${summary[@]}"
exit $failed
