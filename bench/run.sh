#!/usr/bin/env bash
# The benchmark: rayray against what users would otherwise run, on the same files, in one run,
# reported as ratios (absolute times drift on shared machines).
#
#   bench/run.sh [N]        N files (default 10000) built by ../shared/bench/make-corpus.sh
#
# Measures, with a warm page cache:
#   - rayray: a full first scan into a fresh SQLite file (Release build), with its peak RSS
#   - exiftool -fast -json -r over the same folder
#   - openssl dgst -sha256 over the same files on every core: the cost of reading and hashing
#     the bytes, which no scan can avoid
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
n=${1:-10000}
out="$here/out"
library="$out/library-$n"
cores=$(nproc)
mkdir -p "$out"

need() { command -v "$1" >/dev/null || { echo "bench needs $1 ($2)" >&2; exit 1; }; }
need exiftool "Debian: libimage-exiftool-perl"
need openssl "Debian: openssl"
[ -x /usr/bin/time ] || { echo "bench needs GNU time (Debian: time)" >&2; exit 1; }

echo "== building rayray (Release)"
dotnet publish "$root/src/Rayray.Cli" -c Release -o "$out/rayray" --nologo -v quiet >/dev/null
rayray="$out/rayray/rayray"

if [ ! -f "$library/.complete" ]; then
  echo "== making a $n-file library"
  rm -rf "$library"
  "$root/../shared/bench/make-corpus.sh" "$library" "$n"
  touch "$library/.complete"
fi
files=$(find "$library" -type f ! -name '.complete' | wc -l)
bytes=$(find "$library" -type f ! -name '.complete' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}')
echo "== warming the page cache ($files files, $((bytes / 1000000)) MB)"
find "$library" -type f -print0 | xargs -0 cat > /dev/null

now() { date +%s.%N; }
calc() { awk "BEGIN { printf \"$1\", $2 }"; }
elapsed() { calc "%.3f" "$2 - $1"; }

echo "== openssl dgst -sha256 on $cores cores"
t0=$(now)
find "$library" -type f ! -name '.complete' -print0 | xargs -0 -P "$cores" -n 200 openssl dgst -sha256 > /dev/null
t_openssl=$(elapsed "$t0" "$(now)")

echo "== rayray scan (fresh database)"
db="$out/bench.db"
rm -f "$db" "$db-wal" "$db-shm"
t0=$(now)
status=0
/usr/bin/time -f 'rss %M' -o "$out/rayray.rss" "$rayray" scan "$library" --db "$db" --quiet --log-level error || status=$?
t_rayray=$(elapsed "$t0" "$(now)")
[ "$status" -eq 0 ] || [ "$status" -eq 3 ] || { echo "rayray scan exited $status" >&2; exit 1; }
rss_mb=$(( $(sed -n 's/^rss //p' "$out/rayray.rss") / 1024 ))
indexed=$(sqlite3 "$db" 'select count(*) from media_files' 2>/dev/null || echo "?")

echo "== rayray rescan (nothing changed)"
t0=$(now)
"$rayray" scan "$library" --db "$db" --quiet --log-level error || true
t_rescan=$(elapsed "$t0" "$(now)")

echo "== exiftool -fast -json -r"
t0=$(now)
exiftool -fast -json -r "$library" > /dev/null 2>&1 || true
t_exiftool=$(elapsed "$t0" "$(now)")

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

echo
echo "rayray benchmark: $files files, $((bytes / 1000000)) MB, $cores cores, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -m)"
printf '%-34s %9s %11s %9s %9s\n' "" "seconds" "files/s" "MB/s" "peak RSS"
printf '%-34s %9.2f %11s %9s %9s\n' "rayray scan (full, fresh SQLite)" "$t_rayray" "$(rate "$files" "$t_rayray")" "$(mbps "$bytes" "$t_rayray")" "${rss_mb} MB"
printf '%-34s %9.2f %11s %9s %9s\n' "rayray rescan (nothing changed)" "$t_rescan" "$(rate "$files" "$t_rescan")" "" ""
printf '%-34s %9.2f %11s %9s %9s\n' "exiftool -fast -json -r" "$t_exiftool" "$(rate "$files" "$t_exiftool")" "$(mbps "$bytes" "$t_exiftool")" ""
printf '%-34s %9.2f %11s %9s %9s\n' "openssl dgst -sha256 ($cores cores)" "$t_openssl" "$(rate "$files" "$t_openssl")" "$(mbps "$bytes" "$t_openssl")" ""
echo
echo "exiftool / rayray  = $(ratio "$t_exiftool" "$t_rayray")x   (target: at least 20x)"
echo "rayray / openssl   = $(ratio "$t_rayray" "$t_openssl")x   (target: at most 2x)"
echo "rescan             = $(calc "%.2f" "$t_rescan") s   (target: under 1 s for 10,000 files)"
echo "documents indexed  = $indexed"
echo
cat "$out/queries.txt"
echo "one query through the CLI, process start included: $(calc "%.0f" "$t_cli_query * 1000") ms"
