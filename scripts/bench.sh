#!/usr/bin/env bash
# End-to-end timings of the release binary on three corpus sizes, against
# ripgrep searching the same quotes in the same files; then the review UI
# through a pseudo-terminal (examples/ui-timing.rs), and each target as a
# figure beside its goal.
#
#   scripts/bench.sh            # small (shipped example), medium, large
#   RUNS=5 scripts/bench.sh     # median of 5 instead of 3
#   SIZES="medium" scripts/bench.sh
#   SIZES="large xl" scripts/bench.sh   # xl: 10,000 documents, 500 MB,
#                                       # 100,000 claims (never in CI)
#
# Corpora are generated into target/bench-corpus/ and reused while their
# parameters (and the generator's version) stay the same.
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-3}"
SIZES="${SIZES:-small medium large}"
SEED="${SEED:-1}"
CORPORA=target/bench-corpus
CRUX=target/release/crux
GEN=target/release/examples/gen-corpus

need() {
  if ! command -v "$1" >/dev/null 2>&1; then
    if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
      apt-get install -y --no-install-recommends "$2" >/dev/null
    fi
  fi
  command -v "$1" >/dev/null 2>&1 || { echo "bench.sh: $1 is needed (Debian package $2)" >&2; exit 2; }
}
need rg ripgrep
if [ ! -x /usr/bin/time ]; then need /usr/bin/time time; fi

UI=target/release/examples/ui-timing
# A status save is timed with fsync left out (its goal) when eatmydata
# (Debian package eatmydata) can turn fsync into a no-op; fsync apart is
# then the difference from one run with it.
NOSYNC=""
if command -v eatmydata >/dev/null 2>&1; then NOSYNC=eatmydata; fi

# The binary alone first: building it with the examples would turn on the
# test hooks the examples' dev-dependencies ask for.
cargo build --release --quiet --bin crux
cargo build --release --quiet --example gen-corpus --example ui-timing

mkdir -p "$CORPORA"
"$GEN" --docs 100 --claims 1000 --seed "$SEED" --out "$CORPORA/medium" 2>/dev/null
"$GEN" --docs 1000 --claims 10000 --seed "$SEED" --out "$CORPORA/large" 2>/dev/null
case " $SIZES " in
  *" xl "*) "$GEN" --docs 10000 --claims 100000 --seed "$SEED" --out "$CORPORA/xl" 2>/dev/null ;;
esac

has_report=0
if "$CRUX" --help 2>/dev/null | grep -qE '^  report '; then has_report=1; fi

# measure CMD...: over $RUNS runs, the median wall time, with the peak RSS
# and the CPU time (user + system) of that run, as "seconds rss_mb cpu_s"
# (MB are 1,000,000 bytes, as the corpora's sizes are);
# stdout and stderr are discarded. CPU time says what the work costs when
# other jobs share the machine and stretch the wall time.
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
measure() {
  local i start end
  : >"$tmp/runs"
  for ((i = 0; i < RUNS; i++)); do
    start=$(date +%s%N)
    /usr/bin/time -f '%M %U %S' -o "$tmp/rss" "$@" >/dev/null 2>&1 || {
      local rc=$?
      # crux check exits 1 when it finds errors; anything else is a failure.
      if [ "$rc" -gt 1 ]; then echo "bench.sh: '$*' failed ($rc)" >&2; exit 1; fi
    }
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 )) $(tail -n1 "$tmp/rss")" >>"$tmp/runs"
  done
  # The run with the median time.
  sort -n "$tmp/runs" | sed -n "$(( (RUNS + 1) / 2 ))p" |
    awk '{ printf "%.3f %.1f %.2f\n", $1 / 1e6, $2 * 1024 / 1e6, $3 + $4 }'
}

# ui_time SIZE CLAIMS: the review UI through a pseudo-terminal, $RUNS times
# on a copy of the claims file beside it (status keys write to it), fsync
# left out when $NOSYNC can: the run with the median first frame, as
# "first_s whole_s loaded_s | search key ms | status key ms". Then once
# more with fsync, if it was left out: ui_fsync_SIZE.
ui_time() {
  local copy i
  copy="$(dirname "$2")/claims-ui.toml"
  : >"$tmp/ui"
  for ((i = 0; i < RUNS; i++)); do
    cp "$2" "$copy"
    $NOSYNC "$UI" "$CRUX" "$copy" drone >>"$tmp/ui" || { echo "bench.sh: ui-timing failed on $1" >&2; return; }
  done
  declare -g "ui_$1=$(sort -n "$tmp/ui" | sed -n "$(( (RUNS + 1) / 2 ))p")"
  if [ -n "$NOSYNC" ]; then
    cp "$2" "$copy"
    declare -g "ui_fsync_$1=$("$UI" "$CRUX" "$copy" drone)"
  fi
  rm -f "$copy"
}

rows=()
last=""
for size in $SIZES; do
  case "$size" in
    small)
      claims=claims.toml
      if [ ! -f "$claims" ]; then
        rows+=("$(printf '%-7s %5s %6s %6s | %7s %7s %7s | %8s %9s | %6s %6s | %8s' small n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a n/a)")
        continue
      fi
      "$GEN" --quotes-of "$claims" --out "$CORPORA/small" 2>/dev/null
      mapfile -t docs <"$CORPORA/small/docs.txt"
      quotes="$CORPORA/small/quotes.txt"
      ;;
    medium | large | xl)
      claims="$CORPORA/$size/claims.toml"
      docs=("$CORPORA/$size/docs")
      quotes="$CORPORA/$size/quotes.txt"
      ;;
    *) echo "bench.sh: unknown size $size" >&2; exit 2 ;;
  esac
  ndocs=$(find "${docs[@]}" -type f | wc -l)
  mb=$(cat $(find "${docs[@]}" -type f) | wc -c | awk '{ printf "%.2f", $1 / 1e6 }')
  nclaims=$(grep -c '^\[claims\.' "$claims" || true)
  # Warm the page cache so that every tool reads from memory.
  cat "$claims" $(find "${docs[@]}" -type f) >/dev/null
  read -r check_s check_mb check_cpu < <(measure "$CRUX" check --color never "$claims")
  if [ "$has_report" = 1 ]; then
    read -r report_s report_mb _ < <(measure "$CRUX" report --format json "$claims")
  else
    report_s=n/a report_mb=n/a
  fi
  read -r rg_s _ rg_cpu < <(measure rg --no-config -F -c -f "$quotes" "${docs[@]}")
  ratio=$(awk -v a="$check_s" -v b="$rg_s" 'BEGIN { printf "%.2fx", (b > 0 ? a / b : 0) }')
  rows+=("$(printf '%-7s %5s %6s %6s | %7s %7s %7s | %8s %9s | %6s %6s | %8s' \
    "$size" "$ndocs" "$mb" "$nclaims" "$check_s" "$check_mb" "$check_cpu" \
    "$report_s" "$report_mb" "$rg_s" "$rg_cpu" "$ratio")")
  declare -g "check_$size=$check_s" "check_cpu_$size=$check_cpu" "rss_$size=$check_mb" \
    "mb_$size=$mb" "report_$size=$report_s"
  if [ "$size" != small ]; then ui_time "$size" "$claims"; fi
  if [ "$size" = large ]; then
    last="large: crux check ${check_s} s (CPU ${check_cpu} s), peak RSS ${check_mb} MB (corpus ${mb} MB), ${ratio} ripgrep's ${rg_s} s"
    # The same claims with every tenth quote drifted: a letter dropped from
    # its middle, as a document's later typo fix or a careless copy does.
    drifted="$CORPORA/$size/claims-drift.toml"
    awk '{ if (match($0, /quote = "[^"\\]+"/) && RLENGTH >= 30) { n++; if (n % 10 == 0) {
      s = RSTART + 9 + int((RLENGTH - 10) / 2)
      while (substr($0, s, 1) !~ /[a-z]/ && s < RSTART + RLENGTH - 2) s++
      $0 = substr($0, 1, s - 1) substr($0, s + 1) } } print }' "$claims" >"$drifted"
    read -r drift_s drift_mb drift_cpu < <(measure "$CRUX" check --color never "$drifted")
    drift="large, 10% of quotes drifted: crux check ${drift_s} s (CPU ${drift_cpu} s), peak RSS ${drift_mb} MB: $(awk -v a="$drift_s" -v b="$check_s" 'BEGIN { printf "%.2fx", a / b }') the undrifted wall time, $(awk -v a="$drift_cpu" -v b="$check_cpu" 'BEGIN { printf "%.2fx", a / b }') its CPU"
  fi
done

echo "median of $RUNS runs (wall time; CPU = user + system of that run); seconds and MB"
echo "rg = rg -F -c -f quotes.txt over the same documents; check/rg compares wall times"
printf '%-7s %5s %6s %6s | %7s %7s %7s | %8s %9s | %6s %6s | %8s''\n' \
  size docs MB claims "check" "RSS" "CPU" "report" "report RSS" "rg" "rg CPU" "check/rg"
printf '%s\n' "${rows[@]}"
if [ -n "$last" ]; then echo "$last"; fi
if [ -n "${drift:-}" ]; then echo "$drift"; fi

# One quote that is nowhere, in the large corpus's documents made one file:
# crux check against the approx-string-match package (the approximate search
# web annotators use) searching it with up to 20% errors, when node and npm
# are here.
if [ -d "$CORPORA/large/docs" ] && command -v node >/dev/null && command -v npm >/dev/null; then
  one="$CORPORA/large-one"
  mkdir -p "$one" target/bench-node
  [ -f "$one/doc.txt" ] || cat "$CORPORA"/large/docs/* >"$one/doc.txt"
  quote="Quantum chromodynamics predicts gluon confinement at low energies"
  printf '[sources.d]\npath = "doc.txt"\n[topics.t]\nquestion = "q"\n[claims.c]\ntopic = "t"\ntext = "x"\nspans = [{ source = "d", quote = "%s" }]\n' "$quote" >"$one/claims.toml"
  if [ -d target/bench-node/node_modules/approx-string-match ] ||
    npm install --silent --prefix target/bench-node approx-string-match@2 >/dev/null 2>&1; then
    cp scripts/approx-string-match.mjs target/bench-node/
    read -r one_s one_mb one_cpu < <(measure "$CRUX" check --color never "$one/claims.toml")
    read -r asm_s asm_mb _ < <(measure node target/bench-node/approx-string-match.mjs "$one/doc.txt" "$quote" 0.2)
    echo "one quote nowhere in $(wc -c <"$one/doc.txt" | awk '{ printf "%.1f", $1 / 1e6 }') MB: crux check ${one_s} s, ${one_mb} MB (all of check); approx-string-match ${asm_s} s, ${asm_mb} MB (node, reading included)"
  fi
fi

# A quote that is nowhere in one 200 MB document (the large corpus's
# documents, four times over, made one file): time and peak RSS of check.
if [ -d "$CORPORA/large/docs" ]; then
  big="$CORPORA/nowhere-200"
  mkdir -p "$big"
  if [ ! -f "$big/doc.txt" ]; then
    for _ in 1 2 3 4; do cat "$CORPORA"/large/docs/*; done >"$big/doc.txt"
  fi
  printf '[sources.d]\npath = "doc.txt"\n[topics.t]\nquestion = "q"\n[claims.c]\ntopic = "t"\ntext = "x"\nspans = [{ source = "d", quote = "Quantum chromodynamics predicts gluon confinement at low energies" }]\n' >"$big/claims.toml"
  big_mb=$(wc -c <"$big/doc.txt" | awk '{ printf "%.1f", $1 / 1e6 }')
  read -r nowhere_s nowhere_mb _ < <(measure "$CRUX" check --color never "$big/claims.toml")
fi

# Each target as a figure beside its goal.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == "" || b == "" || b + 0 == 0) print "n/a"; else printf "%.2fx", a / b }'; }
# ui_part SIZE N: field N (1 first frame, 2 every claim listed, 3 loaded)
# of the size's UI timing.
ui_part() { local v="ui_$1"; echo "${!v:-}" | awk -v n="$2" '{ print $n }'; }
# ui_keys SIZE N: the key times of part N (2 search, 3 status), as
# "max ms (each ms)".
ui_keys() {
  local v="ui_$1"
  echo "${!v:-}" | awk -F'|' -v n="$2" '{ m = 0; split($n, k, " "); for (i in k) if (k[i] + 0 > m) m = k[i] + 0; if ($n ~ /[0-9]/) printf "max %.1f ms (%s)", m, $n; else print "n/a" }'
}
target() { printf '  %-44s %-9s | %s\n' "$1" "$2" "$3"; }
echo
echo "targets (goal | figure), load average $(cut -d' ' -f1-3 /proc/loadavg)"
for size in large xl; do
  c="check_$size"
  [ -n "${!c:-}" ] || continue
  first=$(ui_part "$size" 1)
  whole=$(ui_part "$size" 2)
  loaded=$(ui_part "$size" 3)
  target "UI first frame / check ($size)" "<= 0.50x" "$(ratio "$first" "${!c}") ($first s / ${!c} s)"
  target "UI every claim listed / check ($size)" "figure" "$(ratio "$whole" "${!c}") ($whole s / ${!c} s)"
  target "UI every document anchored / check ($size)" "<= 1.50x" "$(ratio "$loaded" "${!c}") ($loaded s / ${!c} s)"
  goal="<= 16 ms"
  [ "$size" = xl ] && goal="<= 50 ms"
  target "search key to frame ($size)" "$goal" "$(ui_keys "$size" 2)"
  if [ -n "$NOSYNC" ]; then
    target "status key to saved frame ($size, fsync out)" "<= 10 ms" "$(ui_keys "$size" 3)"
    target "status key to saved frame ($size, fsync in)" "figure" "$(ui_keys "fsync_$size" 3)"
  else
    target "status key to saved frame ($size, fsync out)" "<= 10 ms" "n/a: install eatmydata to leave fsync out"
    target "status key to saved frame ($size, fsync in)" "figure" "$(ui_keys "$size" 3)"
  fi
done
if [ -n "${check_xl:-}" ]; then
  target "xl check / large check (linear)" "<= 10x" "$(ratio "$check_xl" "${check_large:-}") (CPU $(ratio "$check_cpu_xl" "${check_cpu_large:-}"))"
  target "xl check peak RSS / corpus" "<= 2.0x" "$(ratio "$rss_xl" "$mb_xl") ($rss_xl MB / $mb_xl MB)"
  target "xl report --format json / check" "<= 1.3x" "$(ratio "$report_xl" "$check_xl") ($report_xl s / $check_xl s)"
fi
if [ -n "${report_large:-}" ]; then
  target "large report --format json / check" "<= 1.3x" "$(ratio "$report_large" "$check_large")"
fi
if [ -n "${nowhere_s:-}" ]; then
  target "quote nowhere in $big_mb MB: time" "<= 2 s" "$nowhere_s s"
  target "quote nowhere in $big_mb MB: peak RSS / document" "<= 2.0x" "$(ratio "$nowhere_mb" "$big_mb") ($nowhere_mb MB)"
fi

# PDF text extraction against pdftotext on the same files, with the ratio.
echo
echo "PDF text extraction, crux against pdftotext (goal <= 2x):"
RUNS="${PDF_RUNS:-5}" scripts/bench-pdf.sh || echo "  skipped: pdftotext (poppler-utils) is not installed"
