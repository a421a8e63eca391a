#!/usr/bin/env bash
# Seeds fuzz/corpus/<target> for the targets check, diff and pdf (README, "Tests and fuzzing"):
# the bad-input corpus (tests/fixtures/bad), the mini project, the diff fixtures' sections, a
# sample of the CommonMark examples, and for `pdf` a PDF built from the mini project (with the
# debug binary `cargo test` builds) and variants of it made with qpdf when it is installed.
set -euo pipefail
cd "$(dirname "$0")/.."
corpus=fuzz/corpus
mkdir -p "$corpus/check" "$corpus/diff" "$corpus/pdf" "$corpus/convert"

python3 - "$corpus" <<'PY'
import glob, json, os, re, sys
corpus = sys.argv[1]
def put(target, name, data):
    with open(os.path.join(corpus, target, name), "wb") as f:
        f.write(data)
mini_facts = open("tests/fixtures/mini/content/facts/economy.yaml", "rb").read()
mini_sections = [open(p, "rb").read() for p in sorted(glob.glob("tests/fixtures/mini/content/sections/*.md"))]
bad = sorted(glob.glob("tests/fixtures/bad/*"))
# check: FACTS\0SECTION\0SECTION…; no facts: the mini project's
for p in bad:
    data = open(p, "rb").read()
    name = "bad-" + os.path.basename(p)
    put("check", name, data if p.endswith(".yaml") else b"\0" + data)
    if p.endswith(".md"):
        put("convert", name, data)
for i, s in enumerate(mini_sections):
    put("check", f"mini-{i}", mini_facts + b"\0" + s)
examples = json.load(open("tests/fixtures/commonmark/examples.json"))
for e in examples[::9]:
    put("check", "cm-" + e["name"].replace("::", "-"), b"\0" + e["markdown"].encode())
# diff: OLD\0NEW, the diff fixtures' sections with their facts replaced by the mini project's
def mini(text):
    return re.sub(rb"\{\{[^}]*\}\}", b"{{ economy.grdp_growth_2021 | pct }}", text)
base = {os.path.basename(p): mini(open(p, "rb").read()) for p in glob.glob("tests/fixtures/diff/base/content/sections/*.md")}
for p in sorted(glob.glob("tests/fixtures/diff/*/new/content/sections/*.md")):
    case = p.split("/")[3]
    put("diff", "fixture-" + case, base[os.path.basename(p)] + b"\0" + mini(open(p, "rb").read()))
for i, s in enumerate(mini_sections):
    put("diff", f"mini-{i}", s + b"\0" + s.replace(b"\xc4\x91", b"d"))
for e in examples[::29]:
    put("diff", "cm-" + e["name"].replace("::", "-"), b"\0" + e["markdown"].encode())
PY

# pdf: a real build, and variants of it
if [ -x target/debug/baocao ]; then
  tmp=$(mktemp -d)
  mkdir -p "$tmp/p" && cp -r tests/fixtures/mini/content templates fonts "$tmp/p/"
  target/debug/baocao build --project "$tmp/p" -q
  pdf="$tmp/p/build-output/report.pdf"
  cp "$pdf" "$corpus/pdf/mini.pdf"
  target/debug/baocao build --project "$tmp/p" -q --no-sources -o "$tmp/no-sources.pdf"
  cp "$tmp/no-sources.pdf" "$corpus/pdf/mini-no-sources.pdf"
  head -c 20000 "$pdf" > "$corpus/pdf/mini-truncated.pdf"
  if command -v qpdf >/dev/null; then
    qpdf --qdf --object-streams=disable "$pdf" "$corpus/pdf/mini-qdf.pdf" || true
    qpdf --encrypt "" owner 256 -- "$pdf" "$corpus/pdf/mini-encrypted.pdf" || true
    qpdf "$pdf" --remove-attachment=manifest.json -- "$corpus/pdf/mini-no-manifest.pdf" || true
  fi
  rm -rf "$tmp"
else
  echo "note: no target/debug/baocao (run cargo test first): the pdf corpus has no built PDF" >&2
fi
cp tests/fixtures/bad/* "$corpus/pdf/" 2>/dev/null || true
for t in check diff pdf convert; do echo "$t: $(ls "$corpus/$t" | wc -l) seeds"; done
