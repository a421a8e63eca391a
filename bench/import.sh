#!/usr/bin/env bash
# Benchmark of `baocao import` on the real report's Word file (issue 18: at most 1 s).
#
# The .docx is the real report built with `build --format docx`; each run imports it into a new
# folder (the whole command: reading the zip, the walk, Markdown and facts, report.yaml,
# IMPORT.md, writing 43 files with the template and fonts). A returned draft applied with
# `--into --dry-run` (the comparison, the project as it would be, and the diff it prints) is
# timed too. Each runs RUNS times (default 7); the medians are printed. From the repository root:
#
#   cargo build --release && bench/import.sh          # or BIN=target/debug/baocao bench/import.sh
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
bin=${BIN:-$repo/target/release/baocao}
runs=${RUNS:-7}
[ -x "$bin" ] || { echo "no binary at $bin (cargo build --release, or set BIN)" >&2; exit 2; }

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
"$bin" -q build --project "$repo" --format docx -o "$work/report.docx"
mkdir -p "$work/p"
cp -r "$repo/content" "$repo/templates" "$repo/fonts" "$work/p/"

seconds() {
  local t0 t1
  t0=$(date +%s.%N)
  "$@" >/dev/null 2>&1
  t1=$(date +%s.%N)
  echo "$t1 - $t0" | bc
}
median() { sort -n | awk '{a[NR]=$1} END {print (NR%2 ? a[(NR+1)/2] : (a[NR/2]+a[NR/2+1])/2)}'; }

: >"$work/import" >"$work/into"
for i in $(seq "$runs"); do
  seconds "$bin" import "$work/report.docx" "$work/new-$i" >>"$work/import"
  seconds "$bin" import "$work/report.docx" --into "$work/p" --dry-run >>"$work/into"
done
echo "binary: $bin ($runs runs each), $(stat -c %s "$work/report.docx") bytes of .docx"
printf 'import FILE.docx DIR                median %6.3f s   (target <= 1 s)\n' "$(median <"$work/import")"
printf 'import FILE.docx --into DIR --dry-run median %6.3f s\n' "$(median <"$work/into")"
