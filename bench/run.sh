#!/usr/bin/env bash
# The benchmark: rayray against what users would otherwise run, on the same files, in one run,
# reported as ratios (absolute times drift on shared machines). See docs/benchmarks.md.
#
#   bench/run.sh [N] [--scale M[,M...]]
#
#   N          files in the main library (default 10000), built by ../shared/bench/make-corpus.sh
#   --scale M  also a library of M small files laid out like a large NAS (e.g. 1000000; several
#              sizes separated by commas show how memory and the rescan grow), and the queries
#              over 1,000,000 synthetic documents instead of 100,000
#
# Measures, with a warm page cache for each library:
#   - rayray: a full first scan into a fresh SQLite file (Release, ReadyToRun), with its peak RSS,
#     with the default workers (one per core) and with --workers 1
#   - rayray: a rescan with nothing changed
#   - exiftool -fast -json -r over the same folder
#   - openssl dgst -sha256 over the same files on every core: the cost of reading and hashing the
#     bytes, which no scan can avoid
#   - two phone libraries, rayray, exiftool and openssl each: 1,000 short clips as a phone records
#     them (H.264 and HEVC 10-bit HLG, Apple keys), and 1,000 files of a phone's mix (70% HEIC/JPEG,
#     30% such clips)
#   - with --scale: the full scan and the no-change rescan of each NAS-sized library
#   - queries (text, geo, fields) over 100,000 (or, with --scale, 1,000,000) synthetic documents
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/.." && pwd)
corpus="$root/../shared/corpus/exif-samples"
n=10000
scales=()
while [ $# -gt 0 ]; do
  case "$1" in
    --scale) IFS=, read -r -a scales <<< "${2:?--scale needs a number}"; shift 2 ;;
    *) n=$1; shift ;;
  esac
done
out="$here/out"
cores=$(nproc)
phone_files=1000
query_documents=$([ ${#scales[@]} -gt 0 ] && echo 1000000 || echo 100000)
mkdir -p "$out"

need() { command -v "$1" >/dev/null || { echo "bench needs $1 ($2)" >&2; exit 1; }; }
need exiftool "Debian: libimage-exiftool-perl"
need openssl "Debian: openssl"
need sqlite3 "Debian: sqlite3"
need ffmpeg "Debian: ffmpeg, with libx265 for the HEVC clips"
[ -x /usr/bin/time ] || { echo "bench needs GNU time (Debian: time)" >&2; exit 1; }

case "$(uname -m)" in
  x86_64) rid=linux-x64 ;;
  aarch64) rid=linux-arm64 ;;
  *) rid="" ;;
esac
echo "== building rayray (Release${rid:+, ReadyToRun for $rid}) and the bench tool"
if [ -n "$rid" ]; then
  dotnet publish "$root/src/Rayray.Cli" -c Release -r "$rid" --self-contained false -p:PublishReadyToRun=true -o "$out/rayray" --nologo -v quiet >/dev/null
else
  dotnet publish "$root/src/Rayray.Cli" -c Release -o "$out/rayray" --nologo -v quiet >/dev/null
fi
rayray="$out/rayray/rayray"
dotnet build "$here/Rayray.Bench" -c Release --nologo -v quiet >/dev/null
bench_tool=(dotnet "$here/Rayray.Bench/bin/Release/net10.0/Rayray.Bench.dll")

# cached DIR COMMAND...: DIR, made by COMMAND (given DIR as its first argument) unless a complete one is there
cached() {
  local dir=$1
  shift
  if [ ! -f "$dir/.complete" ]; then
    echo "== making $(basename "$dir")" >&2
    rm -rf "$dir"
    "$1" "$dir" "${@:2}" >&2
    touch "$dir/.complete"
  fi
  echo "$dir"
}
bench_tool_into() { local dir=$1 command=$2; shift 2; "${bench_tool[@]}" "$command" "$dir" "$@"; }
count_files() { find "$1" -type f ! -name '.complete' | wc -l; }
count_bytes() { find "$1" -type f ! -name '.complete' -printf '%s\n' | awk '{s+=$1} END {printf "%.0f", s}'; }
warm() { find "$1" -type f -print0 | xargs -0 cat > /dev/null; }

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
# openssl_time LIBRARY: hashing every file on every core; sets t_hash
openssl_time() {
  local t0
  t0=$(now)
  find "$1" -type f ! -name '.complete' -print0 | xargs -0 -P "$cores" -n 200 openssl dgst -sha256 > /dev/null
  t_hash=$(elapsed "$t0" "$(now)")
}
# exiftool_time LIBRARY: sets t_exif
exiftool_time() {
  local t0
  t0=$(now)
  exiftool -fast -json -r "$1" > /dev/null 2>&1 || true
  t_exif=$(elapsed "$t0" "$(now)")
}

library=$(cached "$out/library-$n" "$root/../shared/bench/make-corpus.sh" "$n")
files=$(count_files "$library")
bytes=$(count_bytes "$library")
echo "== warming the page cache ($files files, $((bytes / 1000000)) MB)"
warm "$library"

echo "== openssl dgst -sha256 on $cores cores"
openssl_time "$library"
t_openssl=$t_hash

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
exiftool_time "$library"
t_exiftool=$t_exif

# The phone libraries: rayray (fresh database) and exiftool over each, page cache warm.
phone_names=(videos mix)
phone_percent=(100 30)
declare -A phone_dir phone_n phone_bytes phone_t phone_rss phone_exif phone_hash
for i in 0 1; do
  name=${phone_names[$i]}
  dir=$(cached "$out/phone-$name-$phone_files" bench_tool_into phone-library "$phone_files" "${phone_percent[$i]}" "$out/phone-clips" "$corpus" "$(command -v ffmpeg)")
  phone_dir[$name]=$dir
  phone_n[$name]=$(count_files "$dir")
  phone_bytes[$name]=$(count_bytes "$dir")
  warm "$dir"
  echo "== rayray scan, exiftool and openssl, phone $name (${phone_n[$name]} files, $((phone_bytes[$name] / 1000000)) MB)"
  fresh "$out/phone.db"
  scan "$dir" "$out/phone.db"
  phone_t[$name]=$t_scan
  phone_rss[$name]=$rss_mb
  fresh "$out/phone.db"
  exiftool_time "$dir"
  phone_exif[$name]=$t_exif
  openssl_time "$dir"
  phone_hash[$name]=$t_hash
done

declare -A big_n big_bytes big_t big_rss big_rescan big_rescan_rss
for size in "${scales[@]}"; do
  big=$(cached "$out/nas-$size" bench_tool_into nas-library "$size" "$corpus/jpg")
  big_n[$size]=$(count_files "$big")
  big_bytes[$size]=$(count_bytes "$big")
  echo "== rayray scan of the ${big_n[$size]}-file NAS library (fresh database)"
  big_db="$out/bench-$size.db"
  fresh "$big_db"
  scan "$big" "$big_db"
  big_t[$size]=$t_scan
  big_rss[$size]=$rss_mb
  echo "== rayray rescan of the ${big_n[$size]}-file NAS library (nothing changed)"
  scan "$big" "$big_db"
  big_rescan[$size]=$t_scan
  big_rescan_rss[$size]=$rss_mb
  fresh "$big_db"
done

echo "== queries over $query_documents synthetic documents (in-process, best of 7)"
query_db="$out/query-$query_documents.db"
if [ ! -f "$query_db.complete" ]; then
  fresh "$query_db"
  "${bench_tool[@]}" fill "$query_db" "$query_documents"
  touch "$query_db.complete"
fi
"${bench_tool[@]}" queries "$query_db" > "$out/queries.txt"
t0=$(now)
"$rayray" query 'near:37.7749,-122.4194,5km && kind:image' --db "$query_db" --format ndjson > /dev/null
t_cli_query=$(elapsed "$t0" "$(now)")

ratio() { calc "%.2f" "$1 / $2"; }
rate() { calc "%.0f" "$1 / $2"; }
mbps() { calc "%.1f" "$1 / $2 / 1000000"; }
row() { printf '%-50s %9.2f %11s %9s %9s\n' "$1" "$2" "$3" "$4" "$5"; }

echo
echo "rayray benchmark: $files files, $((bytes / 1000000)) MB, $cores cores, $(date -u +%Y-%m-%dT%H:%MZ), $(uname -m), $(grep -m1 'model name' /proc/cpuinfo 2>/dev/null | cut -d: -f2 | sed 's/^ //')"
printf '%-50s %9s %11s %9s %9s\n' "" "seconds" "files/s" "MB/s" "peak RSS"
row "rayray scan (full, fresh SQLite, $cores workers)" "$t_rayray" "$(rate "$files" "$t_rayray")" "$(mbps "$bytes" "$t_rayray")" "${rss_full} MB"
row "rayray scan (full, fresh SQLite, 1 worker)" "$t_one" "$(rate "$files" "$t_one")" "$(mbps "$bytes" "$t_one")" "${rss_one} MB"
row "rayray rescan (nothing changed)" "$t_rescan" "$(rate "$files" "$t_rescan")" "" "${rss_rescan} MB"
row "exiftool -fast -json -r" "$t_exiftool" "$(rate "$files" "$t_exiftool")" "$(mbps "$bytes" "$t_exiftool")" ""
row "openssl dgst -sha256 ($cores cores)" "$t_openssl" "$(rate "$files" "$t_openssl")" "$(mbps "$bytes" "$t_openssl")" ""
for name in "${phone_names[@]}"; do
  row "rayray scan, phone $name (${phone_n[$name]} files)" "${phone_t[$name]}" "$(rate "${phone_n[$name]}" "${phone_t[$name]}")" "$(mbps "${phone_bytes[$name]}" "${phone_t[$name]}")" "${phone_rss[$name]} MB"
  row "exiftool -fast -json -r, phone $name" "${phone_exif[$name]}" "$(rate "${phone_n[$name]}" "${phone_exif[$name]}")" "$(mbps "${phone_bytes[$name]}" "${phone_exif[$name]}")" ""
  row "openssl dgst -sha256, phone $name" "${phone_hash[$name]}" "$(rate "${phone_n[$name]}" "${phone_hash[$name]}")" "$(mbps "${phone_bytes[$name]}" "${phone_hash[$name]}")" ""
done
for size in "${scales[@]}"; do
  row "rayray scan, NAS ${big_n[$size]} small files (fresh SQLite)" "${big_t[$size]}" "$(rate "${big_n[$size]}" "${big_t[$size]}")" "$(mbps "${big_bytes[$size]}" "${big_t[$size]}")" "${big_rss[$size]} MB"
  row "rayray rescan, NAS ${big_n[$size]} (nothing changed)" "${big_rescan[$size]}" "$(rate "${big_n[$size]}" "${big_rescan[$size]}")" "" "${big_rescan_rss[$size]} MB"
done
echo
echo "exiftool / rayray        = $(ratio "$t_exiftool" "$t_rayray")x   (target: at least 20x)"
echo "rayray / openssl         = $(ratio "$t_rayray" "$t_openssl")x   (target: at most 2x)"
echo "$cores workers / 1 worker = $(ratio "$t_one" "$t_rayray")x faster"
echo "rescan                   = $(calc "%.2f" "$t_rescan") s   (target: under 0.3 s for 10,000 files)"
# exiftool -fast reads a movie's headers, rayray hashes every byte: openssl's time is the most a scan could gain.
echo "phone videos             = exiftool / rayray $(ratio "${phone_exif[videos]}" "${phone_t[videos]}")x   (target: at least 10x; hashing alone: $(ratio "${phone_exif[videos]}" "${phone_hash[videos]}")x)"
echo "phone mix                = exiftool / rayray $(ratio "${phone_exif[mix]}" "${phone_t[mix]}")x   (target: at least 15x; hashing alone: $(ratio "${phone_exif[mix]}" "${phone_hash[mix]}")x)"
for size in "${scales[@]}"; do
  echo "NAS ${big_n[$size]}: rescan     = $(calc "%.2f" "${big_rescan[$size]}") s, $(ratio "${big_rescan[$size]}" "$t_rescan")x the time for $(ratio "${big_n[$size]}" "$files")x the files   (target: under 10 s for 1,000,000)"
  echo "NAS ${big_n[$size]}: peak RSS   = ${big_rss[$size]} MB scanning, ${big_rescan_rss[$size]} MB rescanning   (target: under 300 MB)"
done
echo "documents indexed        = $indexed"
echo
cat "$out/queries.txt"
echo "one query through the CLI, process start included: $(calc "%.0f" "$t_cli_query * 1000") ms"
