#!/usr/bin/env bash
# Decode time of the working tree beside commit REV, in one process, interleaved.
#
#   benches/previous/run.sh REV [ROUNDS]
#
# Extracts REV into benches/previous/target/previous (its version set to 0.0.0, so that Cargo
# links both), builds the harness and prints, per payload, the lowest and the median time per
# decode over the rounds for each build and their ratio. Each round times 20,000 decodes of one
# build then of the other, alternating which goes first.
set -euo pipefail
cd "$(dirname "$0")"
rev=${1:?usage: run.sh REV [ROUNDS]}
rounds=${2:-40}
rm -rf target/previous
mkdir -p target/previous
git -C ../.. archive "$rev" | tar -x -C target/previous
sed -i '0,/^version = ".*"/s//version = "0.0.0"/' target/previous/Cargo.toml
cargo build --release --quiet
./target/release/emvqr-previous "$rounds"
