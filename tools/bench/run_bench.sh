#!/usr/bin/env bash
# The `cdnsim run` benchmark (DESIGN.md "Performance budgets"), reproducible end to end:
#   1. builds cdnsim (Release, tools/build.sh);
#   2. runs the full tiered topology on tools/bench/run_bench.yaml (quickstart's distribution, a
#      1 M-object catalogue, $REQUESTS requests) and on run_bench_small.yaml (the same in front of
#      small caches, so that misses evict), each once without --out and once with --out (summary,
#      time series, JSONL trace and access log), best of $REPEATS;
#   3. checks that memory does not grow with the number of requests: peak RSS of a run of
#      $REQUESTS/5 and of $REQUESTS requests without --out (the caches fill within the first
#      fifth, so both hold the same cached objects);
#   4. prints requests/s (CPU time and wall clock), peak RSS and PASS/FAIL against the budgets.
#
# Budgets are judged on CPU time (user + sys, from /usr/bin/time -v): this machine is shared with
# other engineers' builds, and a process waiting for a core loses wall time but not CPU time. Wall
# rates are printed beside them. With --out, sys time is mostly the kernel copying the output
# (about 1.5 KB a request: 1.17 KB of trace, 0.32 KB of access log; 7.5 GB for 5 M requests) into
# the page cache; it varies a lot with the machine's memory pressure, so it is printed on its own.
#
# Usage: tools/bench/run_bench.sh   (env: REQUESTS, REPEATS, KEEP=1 keeps the --out folders)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/bench
REQUESTS=${REQUESTS:-5000000}
REPEATS=${REPEATS:-3}

CDNSIM_EXTRA_PACKAGES="time" bash "$root/tools/setup_deps.sh"  # /usr/bin/time -v for peak RSS
echo "== building" >&2
bash "$root/tools/build.sh" "$root/build" >/dev/null
mkdir -p "$out"
cdnsim=$root/build/tools/cdnsim

# time_field NAME FILE: a value from /usr/bin/time -v.
time_field() { awk -F': ' -v k="$1" '$1 ~ k {print $2}' "$2"; }
min() { awk -v a="$1" -v b="$2" 'BEGIN {print (a < b ? a : b)}'; }

# measure NAME SCENARIO REQUESTS [--out DIR]: best (least CPU) of REPEATS runs; sets CPU USER SYS
# WALL RSS (KB).
measure() {
  local name=$1 scenario=$2 requests=$3
  shift 3
  CPU=1e9 USER=0 SYS=0 WALL=0 RSS=0
  for _ in $(seq "$REPEATS"); do
    [ $# -gt 0 ] && rm -rf "$2"
    /usr/bin/time -v -o "$out/time.txt" "$cdnsim" run "$scenario" --requests "$requests" "$@" \
      >"$out/$name.txt"
    local user sys wall cpu
    user=$(time_field "User time" "$out/time.txt")
    sys=$(time_field "System time" "$out/time.txt")
    # Elapsed (wall clock) time (h:mm:ss or m:ss): m:ss.ss here.
    wall=$(time_field "Elapsed" "$out/time.txt" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
    cpu=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
    if awk -v c="$cpu" -v b="$CPU" 'BEGIN {exit !(c < b)}'; then
      CPU=$cpu USER=$user SYS=$sys WALL=$wall
    fi
    RSS=$(time_field "Maximum resident set size" "$out/time.txt")
  done
  [ "${KEEP:-0}" = 1 ] || { [ $# -gt 0 ] && rm -rf "$2"; }
  return 0
}

declare -A cpu user sys wall rss
rate() { awk -v n="$1" -v t="$2" 'BEGIN {printf "%.0f", (t > 0 ? n / t : 0)}'; }
for scenario in run_bench run_bench_small; do
  echo "== $scenario: $REQUESTS requests, no --out (best of $REPEATS)" >&2
  measure "$scenario" "$root/tools/bench/$scenario.yaml" "$REQUESTS"
  cpu[$scenario,plain]=$CPU user[$scenario,plain]=$USER sys[$scenario,plain]=$SYS
  wall[$scenario,plain]=$WALL rss[$scenario,plain]=$RSS
  echo "== $scenario: $REQUESTS requests, --out with trace and access log (best of $REPEATS)" >&2
  measure "$scenario-out" "$root/tools/bench/$scenario.yaml" "$REQUESTS" --out "$out/$scenario-out"
  cpu[$scenario,out]=$CPU user[$scenario,out]=$USER sys[$scenario,out]=$SYS
  wall[$scenario,out]=$WALL rss[$scenario,out]=$RSS
done

echo "== memory against requests (run_bench_small, $((REQUESTS / 5)) and $REQUESTS requests)" >&2
saved=$REPEATS
REPEATS=1
measure short "$root/tools/bench/run_bench_small.yaml" $((REQUESTS / 5))
shortRss=$RSS
measure long "$root/tools/bench/run_bench_small.yaml" "$REQUESTS"
longRss=$RSS
REPEATS=$saved

printf '\n%s requests per run; CPU = user + sys (shared machine: wall clock may be inflated by other jobs)\n' \
  "$REQUESTS"
printf '%-24s %9s %9s %9s %12s %12s %10s\n' run "user(s)" "sys(s)" "wall(s)" "req/s(cpu)" "req/s(wall)" "RSS(MiB)"
for scenario in run_bench run_bench_small; do
  for mode in plain out; do
    name=$scenario
    [ "$mode" = out ] && name="$scenario --out"
    printf '%-24s %9s %9s %9s %12s %12s %10.1f\n' "$name" "${user[$scenario,$mode]}" "${sys[$scenario,$mode]}" \
      "${wall[$scenario,$mode]}" "$(rate "$REQUESTS" "${cpu[$scenario,$mode]}")" \
      "$(rate "$REQUESTS" "${wall[$scenario,$mode]}")" "$(awk -v k="${rss[$scenario,$mode]}" 'BEGIN {print k / 1024}')"
  done
done

fails=0
# floor_row NAME MEASURED WALL FLOOR CMP(ge|le)
floor_row() {
  local verdict sign
  verdict=$(awk -v m="$2" -v f="$4" -v c="$5" 'BEGIN {ok = (c == "ge") ? (m >= f) : (m <= f); print ok ? "PASS" : "FAIL"}')
  [ "$verdict" = PASS ] || fails=$((fails + 1))
  case $5 in ge) sign=">=" ;; *) sign="<=" ;; esac
  printf '%-44s %12s %12s %12s   %s\n' "$1" "$2" "$3" "$sign $4" "$verdict"
}

printf '\n%-44s %12s %12s %12s   %s\n' budget "cpu" "wall" "floor" verdict
for scenario in run_bench run_bench_small; do
  floor_row "$scenario req/s, no trace" "$(rate "$REQUESTS" "${cpu[$scenario,plain]}")" \
    "$(rate "$REQUESTS" "${wall[$scenario,plain]}")" 2000000 ge
  floor_row "$scenario req/s, trace + access log" "$(rate "$REQUESTS" "${cpu[$scenario,out]}")" \
    "$(rate "$REQUESTS" "${wall[$scenario,out]}")" 1000000 ge
done
floor_row "peak RSS $REQUESTS req / $((REQUESTS / 5)) req" \
  "$(awk -v a="$longRss" -v b="$shortRss" 'BEGIN {printf "%.3f", a / b}')" "-" 1.05 le

echo
if [ "$fails" -eq 0 ]; then echo "all budgets PASS"; else echo "$fails budget(s) FAIL"; fi
