#!/usr/bin/env bash
# Measures `baocao build` on the full report (the repository's own project), N runs:
#   - the build's wall-clock time, process start to exit (median);
#   - typst's own work in it: compile + PDF export (from `build --timings`, median);
#   - our overhead = total ÷ (typst compile + export); target ≤ 1.15;
#   - the median of every stage.
# If a typst CLI 0.15 is installed (`typst` on PATH), the same generated report.typ is
# compiled by it too, for comparison.
#
#   cargo build --release && bench/build.sh [RUNS]        (default 9 runs)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-9}
bin=${BAOCAO:-target/release/baocao}
[ -x "$bin" ] || { echo "build the release binary first: cargo build --release" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

median() { sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }

"$bin" build -q -o "$out/report.pdf"   # warm the file cache
for i in $(seq 1 "$runs"); do
  start=$(date +%s%N)
  "$bin" build --timings --color never -o "$out/report.pdf" 2>"$out/timings.$i" >/dev/null
  end=$(date +%s%N)
  echo "$(( (end - start) / 1000 ))" >>"$out/wall"       # microseconds
done

stage() {   # median ms of one stage over the runs
  for f in "$out"/timings.*; do awk -v s="$1" '$1 == s && $3 == "ms" {print $2}' "$f"; done | median
}
wall_ms=$(awk '{printf "%.1f\n", $1 / 1000}' "$out/wall" | median)
compile=$(stage compile); export=$(stage export)
echo "baocao build, full report, $runs runs (medians, ms):"
for s in load facts check tera markdown template compile export write other total; do
  printf '  %-9s %8s\n' "$s" "$(stage "$s")"
done
printf '  %-9s %8s   (process start to exit)\n' "wall" "$wall_ms"
total=$(stage total)
awk -v w="$wall_ms" -v t="$total" -v c="$compile" -v e="$export" 'BEGIN {
  printf "overhead = wall / (typst compile + export) = %.1f / (%.1f + %.1f) = %.3f (target <= 1.15)\n", w, c, e, w / (c + e)
  printf "           in-process total / (compile + export) = %.1f / %.1f = %.3f (without process start and exit)\n", t, c + e, t / (c + e) }'
echo "load average during the runs: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) ($(nproc) cores)"

if command -v typst >/dev/null 2>&1; then
  echo
  echo "typst CLI ($(typst --version)) on the same report.typ:"
  for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    typst compile --root "$out" --font-path fonts --ignore-system-fonts "$out/report.typ" "$out/cli.pdf"
    end=$(date +%s%N)
    echo "$(( (end - start) / 1000 ))" >>"$out/cli"
  done
  printf '  median %s ms\n' "$(awk '{printf "%.1f\n", $1 / 1000}' "$out/cli" | median)"
else
  echo
  echo "typst CLI not installed: no comparison (install typst-cli 0.15 and re-run to get one)"
fi
