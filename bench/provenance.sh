#!/usr/bin/env bash
# What carrying the sources costs (issue 7): PDF size with and without the attachments, and the
# build time of each (median of 5 runs), plus the time of `baocao verify`.
#
# Usage: bench/provenance.sh [BINARY] [PROJECT]
#   BINARY  default target/debug/baocao (the dev profile: dependencies optimised, opt-level 2);
#           pass target/release/baocao to measure the release build.
#   PROJECT default: this repository (the real report).
set -euo pipefail
cd "$(dirname "$0")/.."
bin=${1:-target/debug/baocao}
project=${2:-.}
[ -x "$bin" ] || { echo "no binary at $bin: run \`cargo build\` first" >&2; exit 2; }
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT

# Median of 5 runs of the given command: "WALL_ms wall, CPU_ms CPU" (CPU = user + system, which
# a machine shared with other work disturbs less than wall time).
median_ms() {
  local walls=() cpus=()
  for _ in 1 2 3 4 5; do
    local start end cpu
    start=$(date +%s%N)
    cpu=$( { TIMEFORMAT='%U %S'; time "$@" >/dev/null 2>&1; } 2>&1 | awk '{printf "%d", ($1 + $2) * 1000}')
    end=$(date +%s%N)
    walls+=($(( (end - start) / 1000000 )))
    cpus+=("$cpu")
  done
  echo "$(printf '%s\n' "${walls[@]}" | sort -n | sed -n 3p) ms wall, $(printf '%s\n' "${cpus[@]}" | sort -n | sed -n 3p) ms CPU"
}

with_ms=$(median_ms "$bin" build --project "$project" -o "$out/with.pdf")
without_ms=$(median_ms "$bin" build --project "$project" -o "$out/without.pdf" --no-sources)
verify_ms=$(median_ms "$bin" verify "$out/with.pdf" --project "$project")
with_bytes=$(stat -c %s "$out/with.pdf")
without_bytes=$(stat -c %s "$out/without.pdf")
inputs_bytes=$(cat "$project"/content/report.yaml "$project"/content/facts/*.y*ml "$project"/content/sections/*.md \
  "$project"/templates/report.typ.tera | wc -c)

echo "binary: $bin"
echo "PDF with sources (PDF/A-3b):     $with_bytes bytes; build median ${with_ms}"
echo "PDF without sources (PDF/A-2b):  $without_bytes bytes; build median ${without_ms}"
echo "added by the attachments:        $((with_bytes - without_bytes)) bytes (inputs: $inputs_bytes bytes uncompressed)"
echo "baocao verify (rebuild+compare): median ${verify_ms}"
