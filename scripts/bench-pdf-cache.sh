#!/usr/bin/env bash
# Times `crux check` on the shipped claims.toml with its five seeds as
# .txt, and as PDFs (the groff renderings) with the extraction cache empty
# (every PDF extracted) and filled (every extraction read back).
#
#   scripts/bench-pdf-cache.sh           # median of 9 runs each
#   RUNS=15 scripts/bench-pdf-cache.sh
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-9}"
cargo build --release --quiet --bin crux
CRUX="$PWD/target/release/crux"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

mkdir -p "$work/txt/seeds" "$work/pdf/pdf"
cp seeds/*.txt "$work/txt/seeds/"
cp claims.toml "$work/txt/"
claims=$(cat claims.toml)
for seed in seeds/0*.txt; do
  name=$(basename "$seed" .txt)
  number=${name%%_*}
  cp "tests/fixtures/pdf/seeds/$number-groff.pdf" "$work/pdf/pdf/"
  claims=${claims//"seeds/$name.txt"/"pdf/$number-groff.pdf"}
done
printf '%s\n' "$claims" >"$work/pdf/claims.toml"
# The same with the sources only: reading the documents, no quotes placed.
for kind in txt pdf; do
  mkdir -p "$work/$kind-read"
  cp -r "$work/$kind/seeds" "$work/$kind-read/" 2>/dev/null || true
  cp -r "$work/$kind/pdf" "$work/$kind-read/" 2>/dev/null || true
  awk '/^\[(topics|claims|parties|periods)[.\]]/ { exit } { print }' "$work/$kind/claims.toml" >"$work/$kind-read/claims.toml"
done

# median_ms DIR CACHE_SETUP: the median wall time of $RUNS runs of
# `crux check` in DIR, CACHE_SETUP run before each (not timed).
median_ms() {
  local dir=$1 setup=$2 i start end
  for ((i = 0; i < RUNS; i++)); do
    eval "$setup"
    start=$(date +%s%N)
    (cd "$dir" && XDG_CACHE_HOME="$work/cache" "$CRUX" check claims.toml >/dev/null 2>&1) || true
    end=$(date +%s%N)
    echo $(((end - start) / 1000))
  done | sort -n | sed -n "$(((RUNS + 1) / 2))p" | awk '{ printf "%.1f", $1 / 1000 }'
}

printf '%-30s %14s %14s\n' "crux check, ms (median)" "sources only" "all quotes"
for row in "seeds as .txt|txt|:" "seeds as PDF, cache empty|pdf|rm -rf \"\$work/cache\"" "seeds as PDF, cache filled|pdf|:"; do
  IFS='|' read -r label kind setup <<<"$row"
  read_ms=$(median_ms "$work/$kind-read" "$setup")
  all_ms=$(median_ms "$work/$kind" "$setup")
  printf '%-30s %14s %14s\n' "$label" "$read_ms" "$all_ms"
done
