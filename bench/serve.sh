#!/usr/bin/env bash
# Measures `baocao serve` on the full report: the latency from a save to the page shown anew —
# the file saved, the build it starts, the browser told (server-sent event), the list of pages
# read, and the SVG of the first page that changed downloaded. Two ways to save:
#
#   editor   the section file written on disk (another editor): adds the file watcher's debounce
#   browser  the section saved through the workspace (POST /api/file): builds at once
#
#   bench/serve.sh [EDITS]        (default 11 edits each way; BAOCAO=path picks the binary;
#                                  KEEP_LOG=FILE keeps what serve printed)
#
# Uses the release binary when there is one, else the debug one (say which when quoting a figure).
# Works on a copy of the project in a temporary folder; the repository is not touched.
set -euo pipefail
cd "$(dirname "$0")/.."
edits=${1:-11}
bin=${BAOCAO:-target/release/baocao}
[ -x "$bin" ] || bin=target/debug/baocao
[ -x "$bin" ] || { echo "build baocao first (cargo build --release, or cargo test)" >&2; exit 2; }
echo "binary: $bin"

work=$(mktemp -d)
cleanup() { [ -n "${pid:-}" ] && kill "$pid" 2>/dev/null; wait 2>/dev/null; [ -n "${KEEP_LOG:-}" ] && cp "$work/serve.log" "$KEEP_LOG"; rm -rf "$work"; }
trap cleanup EXIT
cp -r content templates fonts "$work/"

"$bin" serve --color never --port 0 --project "$work" >"$work/url" 2>"$work/serve.log" &
pid=$!
for _ in $(seq 1 200); do [ -s "$work/url" ] && break; sleep 0.05; done
url=$(head -n 1 "$work/url")
[ -n "$url" ] || { echo "serve printed no address:" >&2; cat "$work/serve.log" >&2; exit 1; }

python3 - "$url" "$work" "$edits" "$pid" <<'EOF'
import http.client, json, statistics, sys, threading, time, urllib.parse, queue

url, work, edits, pid = sys.argv[1], sys.argv[2], int(sys.argv[3]), sys.argv[4]
import os
def cpu_ms():
    fields = open(f"/proc/{pid}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) * 1000 / os.sysconf("SC_CLK_TCK")
parts = urllib.parse.urlparse(url)
host, port = parts.hostname, parts.port
token = urllib.parse.parse_qs(parts.query)["token"][0]
section = "content/sections/04-phat-trien-kinh-te.md"

def get(path, body=None):
    c = http.client.HTTPConnection(host, port, timeout=120)
    sep = "&" if "?" in path else "?"
    if body is None:
        c.request("GET", f"{path}{sep}token={token}")
    else:
        c.request("POST", f"{path}{sep}token={token}", body=json.dumps(body), headers={"Content-Type": "application/json"})
    r = c.getresponse()
    data = r.read()
    c.close()
    if r.status != 200:
        raise SystemExit(f"{path}: HTTP {r.status}: {data[:300]!r}")
    return data

# the browser's side: server-sent events, each build's generation put on a queue as it arrives
events = queue.Queue()
def listen():
    c = http.client.HTTPConnection(host, port, timeout=600)
    c.request("GET", f"/api/events?token={token}")
    r = c.getresponse()
    for line in r:
        line = line.decode().strip()
        if line.startswith("data: "):
            events.put((int(line[6:]), time.perf_counter()))
threading.Thread(target=listen, daemon=True).start()

def status():
    return json.loads(get("/api/status"))

deadline = time.time() + 300
while not status()["pages"]:
    if time.time() > deadline:
        raise SystemExit("no first build")
    time.sleep(0.05)
s = status()
print(f"first build: {len(s['pages'])} pages in {s['millis']} ms")
while not events.empty():
    events.get()

# one word at one place of section 04 ("quan trọng"), replaced each time by a word not used
# before (so that typst cannot serve the layout from its memo cache)
words = ["then chốt", "cốt lõi", "thiết yếu", "chủ chốt", "trọng yếu", "hệ trọng", "cơ bản", "nổi bật",
         "chủ yếu", "căn bản", "tiên quyết", "trọng tâm", "cấp thiết", "cần thiết", "xung yếu", "lớn lao",
         "to lớn", "đáng kể", "sâu sắc", "rõ rệt", "tích cực", "mạnh mẽ", "vượt bậc", "toàn diện"]
assert 2 * edits <= len(words), f"at most {len(words) // 2} edits"
current = "quan trọng"

def one_edit(how, to):
    global current, s
    before = {p["n"]: p["digest"] for p in s["pages"]}
    generation = s["generation"]
    path = f"{work}/{section}"
    text = open(path, encoding="utf-8").read()
    new = text.replace(current, to, 1)
    assert new != text
    time.sleep(0.3)
    if how == "browser":
        version = json.loads(get(f"/api/file?path={urllib.parse.quote(section, safe='')}"))["version"]
        t0 = time.perf_counter()
        get("/api/file", {"path": section, "text": new, "version": version})
    else:
        t0 = time.perf_counter()
        with open(path, "w", encoding="utf-8") as f:
            f.write(new)
    while True:
        g, t_event = events.get(timeout=120)
        if g > generation:
            break
    s = status()
    if not s["ok"]:
        raise SystemExit(f"build failed: {s['errors']}")
    changed = [p for p in s["pages"] if before.get(p["n"]) != p["digest"]]
    if changed:
        get(f"/api/page?n={changed[0]['n']}&d={changed[0]['digest']}")
    t1 = time.perf_counter()
    current = to
    return (t1 - t0) * 1000, (t_event - t0) * 1000, s["millis"], len(changed)

results = {}
cpu_before = cpu_ms()
for how in ["editor", "browser"]:
    rows = []
    for i in range(edits):
        to = words.pop(0)
        total, event, build, changed = one_edit(how, to)
        rows.append((total, event, build))
        print(f"{how} edit {i + 1} (→ {to}): page shown after {total:.0f} ms (event {event:.0f} ms, build {build} ms, {changed} page(s) changed)")
    results[how] = rows

cpu = (cpu_ms() - cpu_before) / (2 * edits)
print()
print(f"CPU time of serve per edit (user + system, mean, with the page's requests): {cpu:.0f} ms: what an edit costs on an idle machine")
for how, rows in results.items():
    med = lambda k: statistics.median(r[k] for r in rows)
    print(f"{how:8} save → page shown: median {med(0):.0f} ms (save → event {med(1):.0f} ms; build {med(2):.0f} ms) over {len(rows)} edits")
EOF
echo "load average: $(cut -d' ' -f1-3 /proc/loadavg 2>/dev/null || echo unknown) ($(nproc) cores)"
