#!/usr/bin/env bash
# Benchmark of `baocao diff` against `baocao build` on the real report (issue 6: a diff of two
# full versions should take at most 2x one build).
#
# NEW is a copy of the repository's project with a few figures changed and one sentence edited;
# OLD is the committed HEAD, read from git. Each command runs RUNS times (default 5); the
# medians and the ratios are printed. Usage, from the repository root:
#
#   cargo build --release && bench/diff.sh            # or BIN=target/debug/baocao bench/diff.sh
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
# a few figures changed, one sentence edited
sed -i '0,/value: /s/value: \([0-9.]*\)/value: 1\1/' "$new/content/facts/economy.yaml"
sed -i '0,/value: /s/value: \([0-9.]*\)/value: 2\1/' "$new/content/facts/budget.yaml"
sed -i '0,/value: /s/value: \([0-9.]*\)/value: 3\1/' "$new/content/facts/labour.yaml"
sed -i '0,/ổn định/s/ổn định/vững chắc/' "$new/content/sections/01-khai-quat.md"

# wall time (seconds) of one run of "$@"; diff exits 1 when the versions differ
seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1 || [ $? -eq 1 ]
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

# interleaved, so that a busy machine slows all three alike
: >"$work/build" >"$work/diff" >"$work/redline"
for _ in $(seq "$runs"); do
  seconds "$bin" build --project "$new" -o "$work/out/report.pdf" >>"$work/build"
  seconds "$bin" diff HEAD "$new" --project "$repo" --format json >>"$work/diff"
  seconds "$bin" diff HEAD "$new" --project "$repo" --format json --redline "$work/out/redline.pdf" >>"$work/redline"
done
build=$(median <"$work/build")
diff=$(median <"$work/diff")
redline=$(median <"$work/redline")

echo "binary: $bin ($runs runs each)"
printf 'build                      median %6.2f s\n' "$build"
printf 'diff HEAD NEW              median %6.2f s   ratio %.2f (goal <= 2)\n' "$diff" "$(echo "$diff / $build" | bc -l)"
printf 'diff HEAD NEW --redline    median %6.2f s   ratio %.2f\n' "$redline" "$(echo "$redline / $build" | bc -l)"
