#!/usr/bin/env bash
# How long `crux lsp` takes from a change to its diagnostics, on the
# shipped example and on 10,000 claims over 1,000 documents (the large
# corpus of docs/PERFORMANCE.md), with the release binary.
set -euo pipefail
cd "$(dirname "$0")/.."
cargo build --release --bin crux --example lsp-bench
CRUX_BIN="$PWD/target/release/crux" target/release/examples/lsp-bench
