#!/usr/bin/env bash
# Measures `baocao watch` on the full report: how long a rebuild takes after a one-word edit in a
# section (the time watch prints on its line: reading the project, tera, Markdown → typst,
# typst compile with the kept world, PDF export, writing), and the latency from saving the file
# to the line (that adds the 100 ms debounce and the file-event delivery).
#
#   cargo build --release && bench/watch.sh [EDITS]        (default 11 edits)
#
# Works on a copy of the project in a temporary folder; the repository is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-11}
bin=${BAOCAO:-target/release/baocao}
[ -x "$bin" ] || { echo "build the release binary first: cargo build --release" >&2; exit 2; }

work=$(mktemp -d)
log="$work/watch.log"
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; rm -rf "$work"; }
trap cleanup EXIT
cp -r content templates fonts "$work/"
section="$work/content/sections/04-phat-trien-kinh-te.md"

"$bin" watch --color never ${WATCH_TIMINGS:+--timings} --project "$work" 2>"$log" &
pid=$!

# waits until the log has more than $1 lines matching $2; prints the last one
wait_line() {
  local count=$1 pattern=$2 deadline=$((SECONDS + 120))
  while [ "$(grep -c -- "$pattern" "$log" || true)" -le "$count" ]; do
    [ $SECONDS -lt $deadline ] || { echo "timed out; watch printed:" >&2; cat "$log" >&2; exit 1; }
    kill -0 "$pid" 2>/dev/null || { echo "watch exited:" >&2; cat "$log" >&2; exit 1; }
    sleep 0.005
  done
  grep -- "$pattern" "$log" | tail -n 1
}

first=$(wait_line 0 '] built in ')
wait_line 0 '^watching' >/dev/null
echo "first build: $first"

rebuilds=()
latencies=()
# One word at one place of section 04 ("quan trọng"), replaced each time by a word not used
# before, so that every rebuild lays out text typst has not seen (going back and forth between
# two words would be served from typst's memo cache and measure nothing).
words=("then chốt" "cốt lõi" "thiết yếu" "chủ chốt" "trọng yếu" "hệ trọng" "cơ bản" "nổi bật"
       "chủ yếu" "căn bản" "tiên quyết" "trọng tâm" "cấp thiết" "cần thiết" "xung yếu" "lớn lao"
       "to lớn" "đáng kể" "sâu sắc" "rõ rệt" "tích cực" "mạnh mẽ" "vượt bậc" "toàn diện")
[ "$edits" -le "${#words[@]}" ] || { echo "at most ${#words[@]} edits" >&2; exit 2; }
from="quan trọng"
cpu_ticks() { awk '{print $14 + $15}' "/proc/$pid/stat"; }   # user + system time of watch
ticks_before=$(cpu_ticks)
for i in $(seq 1 "$edits"); do
  to=${words[$((i - 1))]}
  sleep 0.3
  start=$(date +%s%N)
  sed -i "0,/$from/s//$to/" "$section"
  line=$(wait_line $((i - 1)) '] rebuilt in ')
  end=$(date +%s%N)
  case $line in *"build failed"*) echo "$line" >&2; exit 1;; esac
  ms=$(sed -E 's/.* rebuilt in ([0-9]+) ms.*/\1/' <<<"$line")
  rebuilds+=("$ms")
  latencies+=($(( (end - start) / 1000000 )))
  echo "edit $i ($from → $to): $line"
  from=$to
done

ticks_after=$(cpu_ticks)
median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print a[int((NR+1)/2)]}'; }
echo
echo "rebuild after a one-word edit: median $(median "${rebuilds[@]}") ms over $edits edits (all: ${rebuilds[*]})"
echo "save → line printed (incl. 100 ms debounce): median $(median "${latencies[@]}") ms"
awk -v t=$((ticks_after - ticks_before)) -v hz="$(getconf CLK_TCK)" -v n="$edits" 'BEGIN {
  printf "CPU time of watch per edit (user + system, mean): %.0f ms: what the rebuild costs on an idle machine\n", t * 1000 / hz / n }'
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) ($(nproc) cores)"
