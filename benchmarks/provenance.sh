#!/usr/bin/env bash
# What carrying the sources costs (issue 7): PDF size with and without the attachments, and the
# build time of each (median of 5 runs), plus the time of `baocao verify`.
#
# Usage: benchmarks/provenance.sh [BINARY] [PROJECT]
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

# Median wall time in milliseconds of 5 runs of the given command.
median_ms() {
  local times=()
  for _ in 1 2 3 4 5; do
    local start end
    start=$(date +%s%N)
    "$@" >/dev/null 2>&1
    end=$(date +%s%N)
    times+=($(( (end - start) / 1000000 )))
  done
  printf '%s\n' "${times[@]}" | sort -n | sed -n 3p
}

with_ms=$(median_ms "$bin" build --project "$project" -o "$out/with.pdf")
without_ms=$(median_ms "$bin" build --project "$project" -o "$out/without.pdf" --no-sources)
verify_ms=$(median_ms "$bin" verify "$out/with.pdf" --project "$project")
with_bytes=$(stat -c %s "$out/with.pdf")
without_bytes=$(stat -c %s "$out/without.pdf")
inputs_bytes=$(cat "$project"/content/report.yaml "$project"/content/facts/*.y*ml "$project"/content/sections/*.md \
  "$project"/templates/report.typ.tera | wc -c)

echo "binary: $bin"
echo "PDF with sources (PDF/A-3b):     $with_bytes bytes, build median ${with_ms} ms"
echo "PDF without sources (PDF/A-2b):  $without_bytes bytes, build median ${without_ms} ms"
echo "added by the attachments:        $((with_bytes - without_bytes)) bytes (inputs: $inputs_bytes bytes uncompressed)"
echo "baocao verify (rebuild+compare): median ${verify_ms} ms"
