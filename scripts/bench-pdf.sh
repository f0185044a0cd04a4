#!/usr/bin/env bash
# Times crux's PDF text extraction against pdftotext (poppler-utils) on the
# same files, one process per file for both, and prints the ratio.
#
#   scripts/bench-pdf.sh                 # the PDF fixtures, median of 5 runs
#   RUNS=9 scripts/bench-pdf.sh a.pdf b.pdf
set -euo pipefail
cd "$(dirname "$0")/.."

RUNS="${RUNS:-5}"
if ! command -v pdftotext >/dev/null 2>&1; then
  if command -v apt-get >/dev/null 2>&1 && [ "$(id -u)" -eq 0 ]; then
    apt-get install -y --no-install-recommends poppler-utils >/dev/null
  fi
fi
command -v pdftotext >/dev/null 2>&1 || { echo "bench-pdf.sh: pdftotext is needed (Debian package poppler-utils)" >&2; exit 2; }

cargo build --release --quiet -p crux-core --example pdf-text
CRUX=target/release/examples/pdf-text

if [ "$#" -gt 0 ]; then
  files=("$@")
else
  files=(tests/fixtures/pdf/seeds/0*-chromium.pdf tests/fixtures/pdf/seeds/0*-groff*.pdf
    tests/fixtures/pdf/real/crazyones.pdf tests/fixtures/pdf/real/multilang.pdf
    tests/fixtures/pdf/real/pdflatex-outline.pdf tests/fixtures/pdf/real/Seige_of_Vicksburg_Sample_OCR.pdf)
fi

# median_ms CMD...: the median wall time of $RUNS runs, in milliseconds.
median_ms() {
  local i start end
  for ((i = 0; i < RUNS; i++)); do
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1 || true
    end=$(date +%s%N)
    echo $(( (end - start) / 1000 ))
  done | sort -n | sed -n "$(( (RUNS + 1) / 2 ))p" | awk '{ printf "%.2f", $1 / 1000 }'
}

cat "${files[@]}" >/dev/null
printf '%-40s %6s %9s %9s %7s\n' file pages "crux ms" "pdftotext" ratio
total_crux=0
total_poppler=0
for f in "${files[@]}"; do
  pages=$(pdfinfo "$f" 2>/dev/null | awk '/^Pages:/ { print $2 }')
  crux_ms=$(median_ms "$CRUX" "$f")
  poppler_ms=$(median_ms pdftotext "$f" -)
  total_crux=$(awk -v a="$total_crux" -v b="$crux_ms" 'BEGIN { print a + b }')
  total_poppler=$(awk -v a="$total_poppler" -v b="$poppler_ms" 'BEGIN { print a + b }')
  printf '%-40s %6s %9s %9s %6sx\n' "$(basename "$f")" "${pages:-?}" "$crux_ms" "$poppler_ms" \
    "$(awk -v a="$crux_ms" -v b="$poppler_ms" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
done
printf '%-40s %6s %9.2f %9.2f %6sx\n' "all (sum of medians)" "" "$total_crux" "$total_poppler" \
  "$(awk -v a="$total_crux" -v b="$total_poppler" 'BEGIN { printf "%.2f", (b > 0 ? a / b : 0) }')"
