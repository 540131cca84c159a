#!/usr/bin/env bash
# Code size emvqr adds to a no_std consumer: builds the probe without and with the decoder
# (release, opt-level "s", LTO, panic=abort, stripped) and prints the section sizes and their
# difference. Needs binutils' `size`.
set -euo pipefail
cd "$(dirname "$0")"
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-target}"
sections() { size -A "$1" | awk '$1 == ".text" || $1 == ".rodata" { s[$1] = $2 } END { print s[".text"], s[".rodata"] }'; }
cargo build --release --quiet
cp "$CARGO_TARGET_DIR/release/libemvqr_size.so" "$CARGO_TARGET_DIR/baseline.so"
cargo build --release --quiet --features emvqr
read -r bt br < <(sections "$CARGO_TARGET_DIR/baseline.so")
read -r ft fr < <(sections "$CARGO_TARGET_DIR/release/libemvqr_size.so")
bf=$(stat -c %s "$CARGO_TARGET_DIR/baseline.so")
ff=$(stat -c %s "$CARGO_TARGET_DIR/release/libemvqr_size.so")
printf '%-10s %10s %10s %10s\n' "" baseline "with emvqr" added
printf '%-10s %10d %10d %10d\n' .text "$bt" "$ft" $((ft - bt))
printf '%-10s %10d %10d %10d\n' .rodata "$br" "$fr" $((fr - br))
printf '%-10s %10d %10d %10d\n' file "$bf" "$ff" $((ff - bf))
