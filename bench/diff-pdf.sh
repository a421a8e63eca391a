#!/usr/bin/env bash
# Benchmark of `baocao diff` on PDFs (issue 15): a PDF with sources against another (each side
# is read, rebuilt from its sources to verify it, and compared by its sources: at most 3x one
# build), and two PDFs compared by their printed text (33 pages: at most 1 s).
#
# OLD is the real report built with its sources; NEW the same with a few figures changed. The
# text-only pair is the same two built with --no-sources. Each command runs RUNS times
# (default 5); medians and the ratio to one build are printed. From the repository root:
#
#   cargo build --release && bench/diff-pdf.sh         # or BIN=target/debug/baocao bench/diff-pdf.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$repo/target/release/baocao}
runs=${RUNS:-5}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release, or set BIN)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
new=$work/new
mkdir -p "$new"
cp -r "$repo/content" "$repo/templates" "$repo/fonts" "$new/"
sed -i '0,/value: /s/value: \([0-9.]*\)/value: 1\1/' "$new/content/facts/budget.yaml"
sed -i '0,/ổn định/s/ổn định/vững chắc/' "$new/content/sections/01-khai-quat.md"
"$bin" build -q --project "$repo" -o "$work/old.pdf"
"$bin" build -q --project "$new" -o "$work/new.pdf"
"$bin" build -q --project "$repo" --no-sources -o "$work/old-text.pdf"
"$bin" build -q --project "$new" --no-sources -o "$work/new-text.pdf"

# wall time (seconds) of one run of "$@" (diff exits 1 when the versions differ)
seconds() {
  local t0 t1
  t0=$(date +%s%N)
  "$@" >/dev/null 2>&1 || true
  t1=$(date +%s%N)
  awk -v a="$t0" -v b="$t1" 'BEGIN { printf "%.3f\n", (b - a) / 1e9 }'
}
median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
measure() {   # label, command…
  local label=$1
  shift
  for _ in $(seq 1 "$runs"); do seconds "$@"; done | median >"$work/$label"
}

measure build "$bin" build -q --project "$new" -o "$work/again.pdf"
measure sources "$bin" diff "$work/old.pdf" "$work/new.pdf" --project "$repo"
measure printed "$bin" diff "$work/old-text.pdf" "$work/new-text.pdf"
measure mixed "$bin" diff "$work/old-text.pdf" "$new"

b=$(cat "$work/build")
echo "baocao diff on PDFs, real report (33 pages), $runs runs, medians (s):"
for label in build sources printed mixed; do
  v=$(cat "$work/$label")
  awk -v l="$label" -v v="$v" -v b="$b" 'BEGIN { printf "  %-8s %6.3f  (%.2fx one build)\n", l, v, v / b }'
done
echo "  (sources: both PDFs verified by a rebuild, then compared by their sources — goal at most 3x;"
echo "   printed: two PDFs without sources compared as printed — goal at most 1 s;"
echo "   mixed: a PDF without sources against the project: the project is built and read as printed)"
