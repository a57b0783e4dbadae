#!/usr/bin/env bash
# The benchmark: rayray against what users would otherwise run, on the same files, in one run,
# reported as ratios (absolute times drift on shared machines). See docs/benchmarks.md.
#
#   bench/run.sh [N] [--scale M]
#
#   N          files in the main library (default 10000), built by ../shared/bench/make-corpus.sh
#   --scale M  also build an M-file library (e.g. 100000) and show how the full scan's memory and
#              the no-change rescan grow with the library
#
# Measures, with a warm page cache for the main library:
#   - rayray: a full first scan into a fresh SQLite file (Release, ReadyToRun), with its peak RSS,
#     with the default workers (one per core) and with --workers 1
#   - rayray: a rescan with nothing changed
#   - exiftool -fast -json -r over the same folder
#   - openssl dgst -sha256 over the same files on every core: the cost of reading and hashing the
#     bytes, which no scan can avoid
#   - queries (text, geo, fields) over 100,000 synthetic documents
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=10000
scale=""
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) scale=${2:?--scale needs a number}; shift 2 ;;
    *) n=$1; shift ;;
  esac
done
out="$here/out"
cores=$(nproc)
mkdir -p "$out"

need() { command -v "$1" >/dev/null || { echo "bench needs $1 ($2)" >&2; exit 1; }; }
need exiftool "Debian: libimage-exiftool-perl"
need openssl "Debian: openssl"
need sqlite3 "Debian: sqlite3"
[ -x /usr/bin/time ] || { echo "bench needs GNU time (Debian: time)" >&2; exit 1; }

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
echo "== building rayray (Release${rid:+, ReadyToRun for $rid})"
if [ -n "$rid" ]; then
  dotnet publish "$root/src/Rayray.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out/rayray" --nologo -v quiet >/dev/null
else
  dotnet publish "$root/src/Rayray.Cli" -c Release -o "$out/rayray" --nologo -v quiet >/dev/null
fi
rayray="$out/rayray/rayray"

library_of() {
  local count=$1 dir="$out/library-$1"
  if [ ! -f "$dir/.complete" ]; then
    echo "== making a $count-file library" >&2
    rm -rf "$dir"
    "$root/../shared/bench/make-corpus.sh" "$dir" "$count" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}
count_files() { find "$1" -type f ! -name '.complete' | wc -l; }
count_bytes() { find "$1" -type f ! -name '.complete' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}'; }

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
elapsed() { calc "%.3f" "$2 - $1"; }

# scan LIBRARY DB [ARGS...]: a timed scan; sets t_scan and rss_mb
scan() {
  local library=$1 db=$2 status=0 t0
  shift 2
  t0=$(now)
  /usr/bin/time -f 'rss %M' -o "$out/rayray.rss" "$rayray" scan "$library" --db "$db" --quiet --log-level error "$@" || status=$?
  t_scan=$(elapsed "$t0" "$(now)")
  [ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { echo "rayray scan exited $status" >&2; exit 1; }
  rss_mb=$(( $(sed -n 's/^rss //p' "$out/rayray.rss") / 1024 ))
}
fresh() { rm -f "$1" "$1-wal" "$1-shm"; }

library=$(library_of "$n")
files=$(count_files "$library")
bytes=$(count_bytes "$library")
echo "== warming the page cache ($files files, $((bytes / 1000000)) MB)"
find "$library" -type f -print0 | xargs -0 cat > /dev/null

echo "== openssl dgst -sha256 on $cores cores"
t0=$(now)
find "$library" -type f ! -name '.complete' -print0 | xargs -0 -P "$cores" -n 200 openssl dgst -sha256 > /dev/null
t_openssl=$(elapsed "$t0" "$(now)")

echo "== rayray scan, $cores workers (fresh database)"
db="$out/bench.db"
fresh "$db"
scan "$library" "$db"
t_rayray=$t_scan
rss_full=$rss_mb
indexed=$(sqlite3 "$db" 'select count(*) from media_files' 2>/dev/null || echo "?")

echo "== rayray rescan (nothing changed)"
scan "$library" "$db"
t_rescan=$t_scan
rss_rescan=$rss_mb

echo "== rayray scan, 1 worker (fresh database)"
fresh "$out/bench-1.db"
scan "$library" "$out/bench-1.db" --workers 1
t_one=$t_scan
rss_one=$rss_mb
fresh "$out/bench-1.db"

echo "== exiftool -fast -json -r"
t0=$(now)
exiftool -fast -json -r "$library" > /dev/null 2>&1 || true
t_exiftool=$(elapsed "$t0" "$(now)")

if [ -n "$scale" ]; then
  big=$(library_of "$scale")
  big_files=$(count_files "$big")
  big_bytes=$(count_bytes "$big")
  echo "== rayray scan of the $big_files-file library (fresh database; more than the page cache may hold)"
  big_db="$out/bench-$scale.db"
  fresh "$big_db"
  scan "$big" "$big_db"
  t_big=$t_scan
  rss_big=$rss_mb
  echo "== rayray rescan of the $big_files-file library (nothing changed)"
  scan "$big" "$big_db"
  t_big_rescan=$t_scan
  rss_big_rescan=$rss_mb
fi

echo "== queries over 100,000 synthetic documents (in-process, best of 7)"
dotnet build "$here/Rayray.Bench" -c Release --nologo -v quiet >/dev/null
bench_tool="dotnet $here/Rayray.Bench/bin/Release/net10.0/Rayray.Bench.dll"
query_db="$out/query-100k.db"
[ -f "$query_db" ] || $bench_tool fill "$query_db" 100000
$bench_tool queries "$query_db" > "$out/queries.txt"
t0=$(now)
"$rayray" query 'near:37.7749,-122.4194,5km && kind:image' --db "$query_db" --format ndjson > /dev/null
t_cli_query=$(elapsed "$t0" "$(now)")

ratio() { calc "%.2f" "$1 / $2"; }
rate() { calc "%.0f" "$1 / $2"; }
mbps() { calc "%.1f" "$1 / $2 / 1000000"; }
row() { printf '%-44s %9.2f %11s %9s %9s\n' "$1" "$2" "$3" "$4" "$5"; }

echo
echo "rayray benchmark: $files files, $((bytes / 1000000)) MB, $cores cores, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
printf '%-44s %9s %11s %9s %9s\n' "" "seconds" "files/s" "MB/s" "peak RSS"
row "rayray scan (full, fresh SQLite, $cores workers)" "$t_rayray" "$(rate "$files" "$t_rayray")" "$(mbps "$bytes" "$t_rayray")" "${rss_full} MB"
row "rayray scan (full, fresh SQLite, 1 worker)" "$t_one" "$(rate "$files" "$t_one")" "$(mbps "$bytes" "$t_one")" "${rss_one} MB"
row "rayray rescan (nothing changed)" "$t_rescan" "$(rate "$files" "$t_rescan")" "" "${rss_rescan} MB"
row "exiftool -fast -json -r" "$t_exiftool" "$(rate "$files" "$t_exiftool")" "$(mbps "$bytes" "$t_exiftool")" ""
row "openssl dgst -sha256 ($cores cores)" "$t_openssl" "$(rate "$files" "$t_openssl")" "$(mbps "$bytes" "$t_openssl")" ""
if [ -n "$scale" ]; then
  row "rayray scan, $big_files files (cache cold)" "$t_big" "$(rate "$big_files" "$t_big")" "$(mbps "$big_bytes" "$t_big")" "${rss_big} MB"
  row "rayray rescan, $big_files files" "$t_big_rescan" "$(rate "$big_files" "$t_big_rescan")" "" "${rss_big_rescan} MB"
fi
echo
echo "exiftool / rayray        = $(ratio "$t_exiftool" "$t_rayray")x   (target: at least 20x)"
echo "rayray / openssl         = $(ratio "$t_rayray" "$t_openssl")x   (target: at most 2x)"
echo "$cores workers / 1 worker = $(ratio "$t_one" "$t_rayray")x faster"
echo "rescan                   = $(calc "%.2f" "$t_rescan") s   (target: under 1 s for 10,000 files)"
if [ -n "$scale" ]; then
  echo "rescan growth            = $(ratio "$t_big_rescan" "$t_rescan")x the time for $(ratio "$big_files" "$files")x the files   (target: linear)"
  echo "peak RSS                 = ${rss_full} MB at $files files, ${rss_big} MB at $big_files files   (target: under 300 MB)"
fi
echo "documents indexed        = $indexed"
echo
cat "$out/queries.txt"
echo "one query through the CLI, process start included: $(calc "%.0f" "$t_cli_query * 1000") ms"
