#!/usr/bin/env bash
# Tries the Windows build of baocao as an office PC would run it, under Wine, on a copy of the
# real report in `C:\Báo cáo 2025\` whose sections and facts are saved as Windows Notepad saves
# them (UTF-8 with a byte-order mark, CRLF line ends), and compares every result with the Linux
# build of the same sources.
#
#   scripts/wine-check.sh [WINDOWS_ZIP_OR_EXE]
#
# Default: the newest dist/baocao-*-x86_64-pc-windows-gnu.zip (unzipped into C:\baocao\ as a
# clerk would), else target/x86_64-pc-windows-gnu/release/baocao.exe. The Linux reference is
# $LINUX_BAOCAO, else target/x86_64-unknown-linux-gnu/release/baocao, target/release/baocao or
# target/debug/baocao. Needs wine (Debian: `apt-get install -y wine wine64`), pdftotext
# (poppler-utils), python3, and mingw-w64 for the small helpers that hold a file open and read
# the console code page; tmux for the console check (skipped without it).
# Prints one line per check and ends with `N passed, M failed`; exit 1 when one failed.
set -uo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)

export WINEPREFIX=${WINEPREFIX:-$repo/target/wine-prefix}
export WINEDEBUG=-all WINEDLLOVERRIDES="mscoree,mshtml=" LC_ALL=C.UTF-8
work=$repo/target/wine-check
rm -rf "$work" && mkdir -p "$work/logs"

die() { echo "error: $*" >&2; exit 2; }
command -v wine >/dev/null || die "wine is not installed (apt-get install -y wine wine64)"
command -v pdftotext >/dev/null || die "pdftotext is not installed (apt-get install -y poppler-utils)"
command -v x86_64-w64-mingw32-gcc >/dev/null || die "mingw-w64 is not installed (apt-get install -y mingw-w64)"

linux=${LINUX_BAOCAO:-}
for candidate in target/x86_64-unknown-linux-gnu/release/baocao target/release/baocao target/debug/baocao; do
  [ -n "$linux" ] || { [ -x "$candidate" ] && linux=$repo/$candidate; }
done
[ -n "$linux" ] || die "no Linux baocao to compare with: run scripts/dist.sh or cargo build --release"

started_all=$(date +%s.%N)
echo "== Wine prefix $WINEPREFIX (first use creates it: about 10-30 s)"
wine cmd /c exit >/dev/null 2>&1 || die "wine cannot start in $WINEPREFIX"
c=$WINEPREFIX/drive_c
base="$c/Báo cáo 2025"
rm -rf "$base" "$c/baocao" && mkdir -p "$base" "$c/baocao"

input=${1:-$(ls -t dist/baocao-*-x86_64-pc-windows-gnu.zip 2>/dev/null | head -1)}
[ -n "$input" ] || input=target/x86_64-pc-windows-gnu/release/baocao.exe
[ -f "$input" ] || die "no Windows build found ($input): run scripts/dist.sh first"
if [[ $input == *.zip ]]; then
  python3 -c 'import sys, zipfile; zipfile.ZipFile(sys.argv[1]).extractall(sys.argv[2])' "$input" "$c/baocao"
  exe=$(ls "$c"/baocao/*/baocao.exe)
  echo "== unzipped $(basename "$input") into C:\\baocao\\"
else
  cp "$input" "$c/baocao/baocao.exe" && exe=$c/baocao/baocao.exe
fi
winexe=$(wine winepath -w "$exe" 2>/dev/null | tr -d '\r')
echo "== Windows binary: $winexe"
echo "== Linux reference: $linux ($("$linux" --version))"

# helpers: hold a file open as a PDF reader does; print the console's output code page
cat > "$work/hold.c" <<'C'
#include <windows.h>
#include <stdio.h>
/* hold.exe FILE FLAG: opens FILE for reading, sharing reading only (as Adobe Acrobat Reader
   does), prints "held", and keeps it open until the file FLAG exists (at most 2 minutes). */
int wmain(int argc, wchar_t **argv) {
  HANDLE h = CreateFileW(argv[1], GENERIC_READ, FILE_SHARE_READ, NULL, OPEN_EXISTING, 0, NULL);
  if (h == INVALID_HANDLE_VALUE) { printf("cannot open: error %lu\n", GetLastError()); return 1; }
  printf("held\n"); fflush(stdout);
  for (int i = 0; i < 1200 && GetFileAttributesW(argv[2]) == INVALID_FILE_ATTRIBUTES; i++) Sleep(100);
  CloseHandle(h);
  return 0;
}
C
cat > "$work/codepage.c" <<'C'
#include <windows.h>
#include <stdio.h>
int main(void) { printf("console output code page: %u\n", GetConsoleOutputCP()); return 0; }
C
# Rust's standard library (1.78 and later) takes its random numbers from ProcessPrng in
# bcryptprimitives.dll, which every Windows 10/11 has and Wine gained only in 9.x; Debian 12's
# Wine 8.0 has none, and the program stops before main (status c0000135). A stand-in that asks
# advapi32's RtlGenRandom goes into this prefix's system32 only; the archive carries nothing of it.
if [ ! -e "$c/windows/system32/bcryptprimitives.dll" ]; then
  cat > "$work/bcryptprimitives.c" <<'C'
#include <windows.h>
BOOLEAN WINAPI SystemFunction036(PVOID buffer, ULONG length); /* RtlGenRandom */
__declspec(dllexport) BOOL WINAPI ProcessPrng(PBYTE data, SIZE_T length) {
  while (length > 0) {
    ULONG chunk = length > 0x10000000 ? 0x10000000 : (ULONG)length;
    if (!SystemFunction036(data, chunk)) return FALSE;
    data += chunk; length -= chunk;
  }
  return TRUE;
}
C
  x86_64-w64-mingw32-gcc -shared -O2 -o "$c/windows/system32/bcryptprimitives.dll" "$work/bcryptprimitives.c" -ladvapi32 \
    || die "cannot build the ProcessPrng stand-in"
  echo "== this Wine has no bcryptprimitives.dll: a ProcessPrng stand-in was put in the prefix's system32"
fi
x86_64-w64-mingw32-gcc -municode -O2 -o "$c/baocao/hold.exe" "$work/hold.c" || die "cannot build hold.exe"
x86_64-w64-mingw32-gcc -O2 -o "$c/baocao/codepage.exe" "$work/codepage.c" || die "cannot build codepage.exe"

passed=0 failed=0
pass() { passed=$((passed + 1)); printf '  ok    %s\n' "$1"; }
fail() { failed=$((failed + 1)); printf '  FAIL  %s\n' "$1"; }
check() { if eval "$2"; then pass "$1"; else fail "$1"; fi; }

# win NAME EXPECTED_EXIT ARGS…: runs baocao.exe in C:\Báo cáo 2025\, output in logs/NAME.{out,err}
win() {
  local name=$1 want=$2; shift 2
  local t0 t1 code
  t0=$(date +%s.%N)
  (cd "$base" && wine "$exe" "$@" >"$work/logs/$name.out" 2>"$work/logs/$name.err")
  code=$?
  t1=$(date +%s.%N)
  local secs; secs=$(awk "BEGIN { printf \"%.2f\", $t1 - $t0 }")
  if [ "$code" = "$want" ]; then pass "$name: exit $code ($secs s)"; else fail "$name: exit $code, expected $want ($secs s); see $work/logs/$name.err"; fi
}
lin() { local name=$1; shift; "$linux" "$@" >"$work/logs/linux-$name.out" 2>"$work/logs/linux-$name.err"; echo $?; }
text() { pdftotext -layout "$1" - 2>/dev/null; }
same_text() { cmp -s <(text "$1") <(text "$2"); }
same_bytes() { cmp -s "$1" "$2"; }

# the real report, as Notepad saves it; v2 with one figure and one word changed; a copy with a typo
notepad() {
  python3 - "$1" <<'PY'
import pathlib, sys
for p in sorted(pathlib.Path(sys.argv[1], "content").rglob("*")):
    if p.suffix in (".md", ".yaml"):
        data = p.read_bytes().replace(b"\r\n", b"\n").replace(b"\n", b"\r\n")
        p.write_bytes(b"\xef\xbb\xbf" + data.removeprefix(b"\xef\xbb\xbf"))
PY
}
for v in bao-cao bao-cao-v2 bao-cao-loi; do
  mkdir -p "$base/$v" && cp -r content templates fonts "$base/$v/"
done
sed -i 's/^  value: 1.69$/  value: 1.59/' "$base/bao-cao-v2/content/facts/labour.yaml"
sed -i '0,/tình hình kinh tế của tỉnh/s//tình hình kinh tế của cả tỉnh/' "$base/bao-cao-v2/content/sections/01-khai-quat.md"
sed -i '0,/labour.poverty_rate_2022/s//labour.poverty_rate_202/' "$base/bao-cao-loi/content/sections/01-khai-quat.md"
for v in bao-cao bao-cao-v2 bao-cao-loi; do notepad "$base/$v"; done
check "sections are Notepad's: BOM and CRLF" \
  "head -c3 '$base/bao-cao/content/sections/01-khai-quat.md' | cmp -s - <(printf '\xef\xbb\xbf') && grep -q $'\r$' '$base/bao-cao/content/sections/01-khai-quat.md'"
W='C:\Báo cáo 2025'

echo "== version"
win version 0 --version
check "--version names version, commit and typst" "grep -Eq '^baocao [0-9.]+ \(commit ([0-9a-f]{7,}|unknown), typst [0-9.]+\)$' '$work/logs/version.out'"

echo "== init, then build the new project"
win init 0 init "$W\\du-an-moi"
win init-build 0 build --project "$W\\du-an-moi"
mkdir -p "$work/linux" && (cd "$work/linux" && lin init init du-an-moi >/dev/null && lin init-build build --project du-an-moi >/dev/null)
check "init's PDF is byte for byte the Linux one" "same_bytes '$base/du-an-moi/build-output/report.pdf' '$work/linux/du-an-moi/build-output/report.pdf'"

echo "== build the real report (absolute path with a drive letter, Notepad files)"
win build 0 build --project "$W\\bao-cao" -o "$W\\bao-cao\\build-output\\report.pdf"
pdf="$base/bao-cao/build-output/report.pdf"
cp -r "$base/bao-cao" "$work/linux/bao-cao"
lin build build --project "$work/linux/bao-cao" >/dev/null
lin build-lf build --project "$repo" -o "$work/linux/report-lf.pdf" >/dev/null
check "PDF text (pdftotext) equals the Linux build's of the same files" "same_text '$pdf' '$work/linux/bao-cao/build-output/report.pdf'"
check "PDF is byte for byte the Linux build's of the same files" "same_bytes '$pdf' '$work/linux/bao-cao/build-output/report.pdf'"
check "PDF text equals the Linux build's of the LF originals" "same_text '$pdf' '$work/linux/report-lf.pdf'"
check "PDF bytes differ from the LF originals' (sources attached as read)" "! same_bytes '$pdf' '$work/linux/report-lf.pdf'"
echo "     $(text "$pdf" | wc -l) lines of text, $(stat -c %s "$pdf") bytes"

echo "== build with relative paths written with \\"
win build-relative 0 build --project bao-cao -o "bao-cao\\build-output\\ban-2.pdf"
check "relative build gives the same PDF" "same_bytes '$pdf' '$base/bao-cao/build-output/ban-2.pdf'"

echo "== check"
win check 0 check --project "$W\\bao-cao"
win check-json 0 check --project "$W\\bao-cao" --format json
lin check-json check --project "$work/linux/bao-cao" --format json >/dev/null
check "check's JSON equals Linux's" "cmp -s '$work/logs/check-json.out' '$work/logs/linux-check-json.out'"

echo "== diff of two versions"
win diff 1 diff "$W\\bao-cao" "$W\\bao-cao-v2"
# relative here, as on Linux below: the report names the two versions as they were given
win diff-json 1 diff bao-cao bao-cao-v2 --format json
cp -r "$base/bao-cao-v2" "$work/linux/bao-cao-v2"
(cd "$work/linux" && lin diff-json diff bao-cao bao-cao-v2 --format json >/dev/null)
check "diff names the changed figure (1,69% → 1,59%)" "grep -q 'labour.poverty_rate_2022' '$work/logs/diff.out' && grep -q '1,59' '$work/logs/diff.out'"
check "diff's JSON equals Linux's" "cmp -s '$work/logs/diff-json.out' '$work/logs/linux-diff-json.out'"

echo "== verify"
win verify 0 verify "$W\\bao-cao\\build-output\\report.pdf" --project "$W\\bao-cao"
cp "$work/linux/bao-cao/build-output/report.pdf" "$base/report-linux.pdf"
win verify-linux-pdf 0 verify "$W\\report-linux.pdf" --project "$W\\bao-cao"
check "verify rebuilt both identical" "grep -q '^verified' '$work/logs/verify.out' && grep -q '^verified' '$work/logs/verify-linux-pdf.out'"

echo "== a Vietnamese error message"
win error 1 build --project "$W\\bao-cao-loi"
check "the error names the file and line and quotes the Vietnamese text" \
  "grep -q 'content.sections.01-khai-quat.md:10:' '$work/logs/error.err' && grep -q 'năm 2022 là {{ labour.poverty_rate_202 | pct }}; hệ thống' '$work/logs/error.err'"
sed -n '1,/^$/p' "$work/logs/error.err" | sed 's/^/     | /'

echo "== the PDF open in another program (hold.exe keeps it open as Acrobat Reader does)"
before=$(sha256sum "$pdf" | cut -d' ' -f1)
rm -f "$base/release"
coproc HOLD { cd "$base" && wine "$c/baocao/hold.exe" "$W\\bao-cao\\build-output\\report.pdf" "$W\\release" 2>/dev/null; }
read -r -t 60 held <&"${HOLD[0]}"; held=${held%$'\r'}  # the C runtime writes CRLF
check "hold.exe holds the PDF" "[ '${held:-}' = held ]"
win locked 1 build --project "$W\\bao-cao"
touch "$base/release"; wait "${HOLD_PID:-}" 2>/dev/null
check "the message names the PDF and says to close it in the PDF reader" \
  "grep -q 'cannot replace .*report.pdf.: the file is open in another program' '$work/logs/locked.err' && grep -q 'close .report.pdf. in the PDF reader' '$work/logs/locked.err'"
check "the old PDF is unchanged" "[ \"\$(sha256sum '$pdf' | cut -d' ' -f1)\" = '$before' ]"
sed -n '1,/^$/p' "$work/logs/locked.err" | sed 's/^/     | /'

echo "== a device name as -o"
win device-name 2 build --project "$W\\bao-cao" -o "$W\\NUL.pdf"
check "the message names NUL and another name" "grep -q 'NUL. is the name of a device on Windows' '$work/logs/device-name.err' && grep -q 'NUL-1.pdf' '$work/logs/device-name.err'"

if command -v tmux >/dev/null; then
  echo "== in a console window (tmux shows what wine's console prints)"
  session=baocao-wine-$$
  tmux new-session -d -s "$session" -x 250 -y 40 \
    "cd '$base' && wine cmd /c '$winexe build --project bao-cao-loi & C:\\baocao\\codepage.exe'; sleep 600"
  for _ in $(seq 1 60); do tmux capture-pane -p -t "$session" | grep -q 'code page' && break; sleep 1; done
  tmux capture-pane -p -t "$session" | sed '/^$/N;/^\n$/D' > "$work/logs/console.txt"
  tmux kill-session -t "$session"
  sed 's/^/     | /' "$work/logs/console.txt"
  check "the console shows the Vietnamese snippet" "grep -q 'năm 2022 là {{ labour.poverty_rate_202 | pct }}; hệ thống' '$work/logs/console.txt'"
  check "the console's output code page is UTF-8 after baocao ran" "grep -q 'console output code page: 65001' '$work/logs/console.txt'"
else
  echo "== console check skipped: tmux is not installed"
fi

echo "== $(awk "BEGIN { printf \"%.0f\", $(date +%s.%N) - $started_all }") s in all; logs in $work/logs"
echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
