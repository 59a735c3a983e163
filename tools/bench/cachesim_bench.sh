#!/usr/bin/env bash
# The cachesim benchmark (issue item 6, DESIGN.md "Performance budgets"), reproducible end to end:
#   1. builds cdnsim (Release, tools/build.sh), and with g++ -O2 the trace generator and the plain
#      reference LRU (tools/bench/gen_zipf_trace.cc, tools/bench/plain_lru.cc);
#   2. generates a Zipf(0.9) trace, 10 M requests over 1 M objects, fixed seed, as CSV and as
#      oracleGeneral, under build/bench/ (kept between runs; regenerated when the parameters change);
#   3. replays it with LRU, FIFO, SIEVE and S3-FIFO at 1% and 10% of the working set's bytes, and the
#      plain LRU beside them, best of $REPEATS runs each, one job each (-j1);
#   4. prints requests/s (wall clock and CPU time), peak RSS, and a table of floors with PASS/FAIL.
#
# Throughput floors are judged on CPU-time rates: this machine is shared, and a process that waits
# for a core loses wall time but not CPU time. Wall-clock rates are printed beside them.
#
# Usage: tools/bench/cachesim_bench.sh   (env: REQUESTS, OBJECTS, ALPHA, SEED, REPEATS)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/bench
REQUESTS=${REQUESTS:-10000000}
OBJECTS=${OBJECTS:-1000000}
ALPHA=${ALPHA:-0.9}
SEED=${SEED:-20261122}
REPEATS=${REPEATS:-3}
POLICIES=(lru fifo sieve s3fifo)

CDNSIM_EXTRA_PACKAGES="time" bash "$root/tools/setup_deps.sh"  # /usr/bin/time -v for peak RSS
echo "== building" >&2
bash "$root/tools/build.sh" "$root/build" >/dev/null
mkdir -p "$out"
g++ -O2 -std=c++20 -Wall -Wextra -I"$root" "$root/tools/bench/gen_zipf_trace.cc" "$root/sim/random/rng.cc" \
  -o "$out/gen_zipf_trace"
g++ -O2 -std=c++20 -Wall -Wextra "$root/tools/bench/plain_lru.cc" -o "$out/plain_lru"
cdnsim=$root/build/tools/cdnsim

csv=$out/zipf.csv
bin=$out/zipf.oracleGeneral
stamp="$REQUESTS $OBJECTS $ALPHA $SEED $(sha1sum "$root/tools/bench/gen_zipf_trace.cc" "$root/tools/bench/zipf_sampler.h" | cut -c1-12 | tr '\n' ' ')"
if [ ! -f "$out/zipf.meta" ] || [ "$(head -1 "$out/zipf.meta")" != "$stamp" ]; then
  echo "== generating $REQUESTS requests over $OBJECTS objects, Zipf($ALPHA), seed $SEED" >&2
  meta=$("$out/gen_zipf_trace" "$REQUESTS" "$OBJECTS" "$ALPHA" "$SEED" "$csv" "$bin")
  printf '%s\n%s\n' "$stamp" "$meta" >"$out/zipf.meta"
fi
read -r _ uniqueObjects _ uniqueBytes < <(sed -n 2p "$out/zipf.meta")
size1=$((uniqueBytes / 100))
size10=$((uniqueBytes / 10))

# json_field NAME FILE: a number from cachesim's --json output.
json_field() { grep -o "\"$1\": [0-9.]*" "$2" | head -1 | awk '{print $2}'; }
# rss_kb FILE: peak RSS from /usr/bin/time -v.
rss_kb() { awk -F': ' '/Maximum resident set size/ {print $2}' "$1"; }
max() { awk -v a="$1" -v b="$2" 'BEGIN {print (a > b ? a : b)}'; }

# measure_cdnsim TRACE ARGS...: best-of-REPEATS; sets RPS CPU_RPS MISSES RSS (KB).
measure_cdnsim() {
  local trace=$1
  shift
  RPS=0 CPU_RPS=0 RSS=0
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -v -o "$out/time.txt" "$cdnsim" cachesim --trace "$trace" -j 1 --json "$@" >"$out/run.json"
    RPS=$(max "$RPS" "$(json_field requestsPerSecond "$out/run.json")")
    CPU_RPS=$(max "$CPU_RPS" "$(json_field requestsPerCpuSecond "$out/run.json")")
    MISSES=$(json_field misses "$out/run.json")
    RSS=$(rss_kb "$out/time.txt")
  done
}

# measure_plain CAPACITY [--objects]: the same for the plain LRU.
measure_plain() {
  RPS=0 CPU_RPS=0 RSS=0
  for _ in $(seq "$REPEATS"); do
    /usr/bin/time -v -o "$out/time.txt" "$out/plain_lru" "$bin" "$@" >"$out/plain.txt"
    RPS=$(max "$RPS" "$(awk '{print $8}' "$out/plain.txt")")
    CPU_RPS=$(max "$CPU_RPS" "$(awk '{print $12}' "$out/plain.txt")")
    MISSES=$(awk '{print $4}' "$out/plain.txt")
    RSS=$(rss_kb "$out/time.txt")
  done
}

declare -A rps cpu misses rss
echo "== replaying (best of $REPEATS, -j1)" >&2
for pct in 1 10; do
  cap=$([ "$pct" = 1 ] && echo "$size1" || echo "$size10")
  measure_plain "$cap"
  rps[plain,$pct]=$RPS cpu[plain,$pct]=$CPU_RPS misses[plain,$pct]=$MISSES rss[plain,$pct]=$RSS
  for p in "${POLICIES[@]}"; do
    measure_cdnsim "$bin" --policy "$p" --size "$cap"
    rps[$p,$pct]=$RPS cpu[$p,$pct]=$CPU_RPS misses[$p,$pct]=$MISSES rss[$p,$pct]=$RSS
  done
  measure_cdnsim "$csv" --policy lru --size "$cap"
  rps[csv,$pct]=$RPS cpu[csv,$pct]=$CPU_RPS misses[csv,$pct]=$MISSES rss[csv,$pct]=$RSS
done

echo "== memory per cached object (all $uniqueObjects objects cached, --ignore-obj-size)" >&2
declare -A perObject
saved=$REPEATS
REPEATS=1
measure_cdnsim "$bin" --policy lru --size 1 --ignore-obj-size
baseRss=$RSS
for p in "${POLICIES[@]}"; do
  measure_cdnsim "$bin" --policy "$p" --size "$uniqueObjects" --ignore-obj-size
  perObject[$p]=$(awk -v a="$RSS" -v b="$baseRss" -v n="$uniqueObjects" 'BEGIN {printf "%.1f", (a - b) * 1024 / n}')
done
# Memory against trace length: the same LRU of a tenth of the objects (full after a few hundred
# thousand requests) over the first fifth of the trace and over the whole trace.
head -c $((REQUESTS / 5 * 24)) "$bin" >"$out/zipf-prefix.oracleGeneral"
measure_cdnsim "$out/zipf-prefix.oracleGeneral" --policy lru --size $((OBJECTS / 10)) --ignore-obj-size
shortRss=$RSS
measure_cdnsim "$bin" --policy lru --size $((OBJECTS / 10)) --ignore-obj-size
longRss=$RSS
REPEATS=$saved

printf '\ntrace: %s requests, %s objects requested, %s unique bytes; 1%% = %s B, 10%% = %s B\n' \
  "$REQUESTS" "$uniqueObjects" "$uniqueBytes" "$size1" "$size10"
printf '%-14s %5s %12s %14s %14s %10s\n' run size misses "req/s(wall)" "req/s(cpu)" "RSS(MiB)"
for pct in 1 10; do
  for p in plain "${POLICIES[@]}" csv; do
    name=$p
    [ "$p" = plain ] && name="plain-lru"
    [ "$p" = csv ] && name="lru (csv)"
    printf '%-14s %4s%% %12s %14.0f %14.0f %10.1f\n' "$name" "$pct" "${misses[$p,$pct]}" "${rps[$p,$pct]}" \
      "${cpu[$p,$pct]}" "$(awk -v k="${rss[$p,$pct]}" 'BEGIN {print k / 1024}')"
  done
done

fails=0
# floor_row NAME MEASURED WALL FLOOR CMP(ge|le|eq)
floor_row() {
  local verdict sign
  verdict=$(awk -v m="$2" -v f="$4" -v c="$5" \
    'BEGIN {ok = (c == "ge") ? (m >= f) : (c == "le") ? (m <= f) : (m == f); print ok ? "PASS" : "FAIL"}')
  [ "$verdict" = PASS ] || fails=$((fails + 1))
  case $5 in ge) sign=">=" ;; le) sign="<=" ;; *) sign="==" ;; esac
  printf '%-44s %12s %12s %12s   %s\n' "$1" "$2" "$3" "$sign $4" "$verdict"
}
ratio() { awk -v a="$1" -v b="$2" 'BEGIN {printf "%.3f", a / b}'; }

printf '\n%-44s %12s %12s %12s   %s\n' floor "measured" "wall" "floor" verdict
for pct in 1 10; do
  for p in "${POLICIES[@]}"; do
    f=0.85
    [ "$p" = s3fifo ] && f=0.5
    floor_row "$p $pct% / plain LRU (cpu req/s ratio)" "$(ratio "${cpu[$p,$pct]}" "${cpu[plain,$pct]}")" \
      "$(ratio "${rps[$p,$pct]}" "${rps[plain,$pct]}")" "$f" ge
  done
  floor_row "CSV lru $pct% req/s (3x libCacheSim's 1.7M)" "$(printf '%.0f' "${cpu[csv,$pct]}")" \
    "$(printf '%.0f' "${rps[csv,$pct]}")" 5100000 ge
  floor_row "lru $pct% misses, oracleGeneral (plain LRU's)" "${misses[lru,$pct]}" "-" "${misses[plain,$pct]}" eq
  floor_row "lru $pct% misses, CSV (plain LRU's)" "${misses[csv,$pct]}" "-" "${misses[plain,$pct]}" eq
done
for p in "${POLICIES[@]}"; do
  floor_row "$p bytes per cached object (peak RSS)" "${perObject[$p]}" "-" 64 le
done
floor_row "RSS whole trace / RSS first fifth" "$(ratio "$longRss" "$shortRss")" "-" 1.10 le

echo
if [ "$fails" -eq 0 ]; then echo "all floors PASS"; else echo "$fails floor(s) FAIL"; fi
