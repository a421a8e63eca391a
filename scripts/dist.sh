#!/usr/bin/env bash
# Builds the release archives: for each target, the release binary, the README, the docs, the
# licences (baocao's MIT and Apache-2.0, the fonts' SIL OFL) and a SHA256SUMS of the files, in
# one folder packed as .zip (Windows) or .tar.gz (the rest); then dist/SHA256SUMS of the archives.
#
#   scripts/dist.sh                      # x86_64 Linux and x86_64 Windows (cross-compiled)
#   scripts/dist.sh aarch64-apple-darwin # any targets, on a machine that can build them
#
# Needs: rustup's std for each target (`rustup target add x86_64-pc-windows-gnu`), and for
# Windows on Linux the mingw-w64 toolchain (`apt-get install -y mingw-w64`); python3 packs.
# The archives are reproducible from the same binaries: files in name order, fixed owner and
# modes, every date the last commit's (or SOURCE_DATE_EPOCH), gzip without a name or time.
# The cold cross-build of typst takes 15-30 minutes on 2 cores; `nice -n 10 scripts/dist.sh`
# leaves the machine usable meanwhile. SKIP_BUILD=1 packs the binaries already built.
set -euo pipefail
cd "$(dirname "$0")/.."

targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=(x86_64-unknown-linux-gnu x86_64-pc-windows-gnu)
dist=${DIST_DIR:-dist}
version=$(sed -n 's/^version = "\(.*\)"$/\1/p' Cargo.toml | head -1)
epoch=${SOURCE_DATE_EPOCH:-$(git log -1 --format=%ct 2>/dev/null || echo 315532800)}
host=$(rustc -vV | sed -n 's/^host: //p')

for target in "${targets[@]}"; do
  if command -v rustup >/dev/null && ! rustup target list --installed | grep -qx "$target"; then
    echo "error: the Rust standard library for $target is not installed" >&2
    echo "  = help: rustup target add $target" >&2
    exit 2
  fi
  if [[ $target == *-windows-gnu && $host != *-windows-* ]] && ! command -v x86_64-w64-mingw32-gcc >/dev/null; then
    echo "error: cross-building for $target needs the mingw-w64 linker (x86_64-w64-mingw32-gcc)" >&2
    echo "  = help: apt-get install -y mingw-w64" >&2
    exit 2
  fi
done

# the binary names its commit (--version): the files packed beside it must be that commit's
if git rev-parse --git-dir >/dev/null 2>&1 && [ -z "${DIST_DIRTY:-}" ] \
  && ! git diff --quiet HEAD -- README.md docs LICENSE-MIT LICENSE-APACHE fonts/LICENSE-OFL.txt; then
  echo "error: README.md, docs/ or a licence differs from the last commit, whose id the binary will name" >&2
  echo "  = help: commit them first (or set DIST_DIRTY=1 to pack them as they are)" >&2
  exit 2
fi

mkdir -p "$dist"
for target in "${targets[@]}"; do
  exe=baocao
  [[ $target == *-windows-* ]] && exe=baocao.exe
  if [ -z "${SKIP_BUILD:-}" ]; then
    echo "== building $target" >&2
    started=$(date +%s)
    cargo build --release --locked --target "$target"
    echo "== built $target in $(( $(date +%s) - started )) s" >&2
  fi
  name="baocao-$version-$target"
  stage="$dist/$name"
  rm -rf "$stage"
  mkdir -p "$stage"
  cp "target/$target/release/$exe" "$stage/$exe"
  # symbols are of no use to a clerk and are most of the size; a PE file's header holds a time,
  # the link's, which strip replaces by SOURCE_DATE_EPOCH when it is set (else by the clock)
  if [[ $target == x86_64-pc-windows-gnu && $host != *-windows-* ]]; then
    SOURCE_DATE_EPOCH=$epoch x86_64-w64-mingw32-strip "$stage/$exe"
  elif [ "$target" = "$host" ] && command -v strip >/dev/null; then
    strip "$stage/$exe"
  fi
  cp README.md LICENSE-MIT LICENSE-APACHE "$stage/"
  cp fonts/LICENSE-OFL.txt "$stage/LICENSE-OFL.txt"
  cp -r docs "$stage/docs"
  python3 - "$stage" "$dist" "$name" "$epoch" "$target" <<'PY'
import gzip, hashlib, io, os, sys, tarfile, time, zipfile
stage, dist, name, epoch, target = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4]), sys.argv[5]
files = sorted(os.path.relpath(os.path.join(d, f), stage).replace(os.sep, "/")
               for d, _, fs in os.walk(stage) for f in fs if f != "SHA256SUMS")
sha = lambda p: hashlib.sha256(open(p, "rb").read()).hexdigest()
with open(os.path.join(stage, "SHA256SUMS"), "w", newline="\n") as out:
    for f in files:
        out.write(f"{sha(os.path.join(stage, f))}  {f}\n")
files = sorted(files + ["SHA256SUMS"])
executable = {"baocao", "baocao.exe"}
if "windows" in target:
    path = os.path.join(dist, name + ".zip")
    stamp = time.gmtime(max(epoch, 315532800))[:6]  # zip dates start in 1980
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for f in files:
            info = zipfile.ZipInfo(f"{name}/{f}", stamp)
            info.compress_type = zipfile.ZIP_DEFLATED
            info.external_attr = (0o755 if f in executable else 0o644) << 16
            z.writestr(info, open(os.path.join(stage, f), "rb").read())
else:
    path = os.path.join(dist, name + ".tar.gz")
    raw = io.BytesIO()
    with tarfile.open(fileobj=raw, mode="w", format=tarfile.PAX_FORMAT) as t:
        dirs = sorted({"/".join(f.split("/")[:i]) for f in files for i in range(1, f.count("/") + 1)})
        for f in sorted(dirs + files):
            info = tarfile.TarInfo(f"{name}/{f}")
            info.mtime, info.uid, info.gid, info.uname, info.gname = epoch, 0, 0, "", ""
            if f in dirs:
                info.type, info.mode = tarfile.DIRTYPE, 0o755
                t.addfile(info)
            else:
                data = open(os.path.join(stage, f), "rb").read()
                info.size, info.mode = len(data), 0o755 if f in executable else 0o644
                t.addfile(info, io.BytesIO(data))
    with open(path, "wb") as out:
        with gzip.GzipFile(filename="", mode="wb", fileobj=out, mtime=0, compresslevel=9) as g:
            g.write(raw.getvalue())
print(path)
PY
  rm -rf "$stage"
done

# the list a downloader checks: `sha256sum -c SHA256SUMS` in dist/ (or `certutil -hashfile F SHA256`)
python3 - "$dist" <<'PY'
import hashlib, os, sys
dist = sys.argv[1]
names = sorted(n for n in os.listdir(dist) if n.startswith("baocao-") and n.endswith((".zip", ".tar.gz")))
with open(os.path.join(dist, "SHA256SUMS"), "w", newline="\n") as out:
    for n in names:
        out.write(f"{hashlib.sha256(open(os.path.join(dist, n), 'rb').read()).hexdigest()}  {n}\n")
for n in names + ["SHA256SUMS"]:
    print(f"  {n:<52} {os.path.getsize(os.path.join(dist, n)):>10} bytes", file=sys.stderr)
PY
