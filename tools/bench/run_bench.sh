#!/usr/bin/env bash
# The `cdnsim run` benchmark (DESIGN.md "Performance budgets"), reproducible end to end, as ratios
# against the code before the tier chain (commit $BASELINE, built here from git):
#   1. builds cdnsim (Release, tools/build.sh) and the baseline commit in build/bench/baseline;
#   2. runs the global world (tools/bench/run_bench_global.yaml: 45 POPs, all 13 regional edge
#      caches, an origin shield, 1 M objects, Zipf 0.9) for $REQUESTS requests in three modes —
#      summary only; --out --no-trace; --out with the JSONL trace and access log (and, for the
#      current code only, --gzip) — best of $REPEATS, the two binaries interleaved;
#   3. checks that memory does not grow with requests: peak RSS at $REQUESTS/5 and at $REQUESTS;
#   4. prints requests/s on CPU time (user + sys: the machine is shared, wall time is printed
#      beside it), the ratio to the baseline, and PASS/FAIL against the floors.
# The baseline cannot read the shield or `region:` keys (it has neither), so it runs the same
# world without them: the same POPs, RECs, catalogue and clients, one fewer layer for the
# POPs whose REC is not the shield. Its figures are a floor for what today's code does.
#
# Usage: tools/bench/run_bench.sh   (env: REQUESTS, REPEATS, BASELINE, KEEP=1 keeps --out folders)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/bench
REQUESTS=${REQUESTS:-10000000}
REPEATS=${REPEATS:-3}
BASELINE=${BASELINE:-927348d}

CDNSIM_EXTRA_PACKAGES="time" bash "$root/tools/setup_deps.sh"  # /usr/bin/time -v for peak RSS
mkdir -p "$out"
echo "== building" >&2
bash "$root/tools/build.sh" "$root/build" >/dev/null
cdnsim=$root/build/tools/cdnsim

echo "== building the baseline ($BASELINE)" >&2
if [ ! -d "$out/baseline-src" ]; then
  git -C "$root" worktree add --detach "$out/baseline-src" "$BASELINE" >/dev/null
fi
bash "$out/baseline-src/tools/build.sh" "$out/baseline-build" -DCDNSIM_TESTS=OFF >/dev/null
baseline=$out/baseline-build/tools/cdnsim

# The world for the baseline: the global topology without the keys it does not know.
grep -v -E '^\s*(region:|origin_shield:)' "$root/tools/bench/run_bench_global_topology.yaml" \
  >"$out/global_baseline_topology.yaml"
sed "s|^topology: .*|topology: $out/global_baseline_topology.yaml|" \
  "$root/tools/bench/run_bench_global.yaml" >"$out/global_baseline.yaml"
scenario_now=$root/tools/bench/run_bench_global.yaml
scenario_then=$out/global_baseline.yaml

time_field() { awk -F': ' -v k="$1" '$1 ~ k {print $2}' "$2"; }

# one BINARY SCENARIO REQUESTS [args...]: one run; sets CPU WALL RSS.
one() {
  local bin=$1 scenario=$2 requests=$3
  shift 3
  /usr/bin/time -v -o "$out/time.txt" "$bin" run "$scenario" --requests "$requests" "$@" >/dev/null
  local user sys
  user=$(time_field "User time" "$out/time.txt")
  sys=$(time_field "System time" "$out/time.txt")
  CPU=$(awk -v u="$user" -v s="$sys" 'BEGIN {print u + s}')
  WALL=$(time_field "Elapsed" "$out/time.txt" | awk -F: '{s = 0; for (i = 1; i <= NF; i++) s = s * 60 + $i; print s}')
  RSS=$(time_field "Maximum resident set size" "$out/time.txt")
}

declare -A cpu wall
modes=(summary notrace trace gzip)
mode_args() {
  case $1 in
    summary) echo "" ;;
    notrace) echo "--out $out/run-out --no-trace" ;;
    trace) echo "--out $out/run-out" ;;
    gzip) echo "--out $out/run-out --gzip" ;;
  esac
}
for mode in "${modes[@]}"; do
  for who in now then; do cpu[$who,$mode]=1e9; wall[$who,$mode]=0; done
done
for r in $(seq "$REPEATS"); do
  for mode in "${modes[@]}"; do
    for who in now then; do
      [ "$who" = then ] && [ "$mode" = gzip ] && continue
      echo "== round $r: $mode ($who)" >&2
      rm -rf "$out/run-out"
      # shellcheck disable=SC2046
      if [ "$who" = now ]; then one "$cdnsim" "$scenario_now" "$REQUESTS" $(mode_args "$mode")
      else one "$baseline" "$scenario_then" "$REQUESTS" $(mode_args "$mode"); fi
      if awk -v c="$CPU" -v b="${cpu[$who,$mode]}" 'BEGIN {exit !(c < b)}'; then
        cpu[$who,$mode]=$CPU wall[$who,$mode]=$WALL
      fi
    done
  done
done
[ "${KEEP:-0}" = 1 ] || rm -rf "$out/run-out"

echo "== memory against requests ($((REQUESTS / 5)) and $REQUESTS requests, summary only)" >&2
one "$cdnsim" "$scenario_now" $((REQUESTS / 5))
shortRss=$RSS
one "$cdnsim" "$scenario_now" "$REQUESTS"
longRss=$RSS

rate() { awk -v n="$1" -v t="$2" 'BEGIN {printf "%.0f", (t > 0 && t < 1e9 ? n / t : 0)}'; }
printf '\n%s requests per run, global world; CPU = user + sys, best of %s\n' "$REQUESTS" "$REPEATS"
printf '%-28s %14s %14s %14s %8s\n' mode "req/s now" "req/s wall" "req/s before" ratio
for mode in "${modes[@]}"; do
  now=$(rate "$REQUESTS" "${cpu[now,$mode]}")
  then_=$(rate "$REQUESTS" "${cpu[then,$mode]}")
  ratio=$(awk -v a="$now" -v b="$then_" 'BEGIN {if (b > 0) printf "%.2fx", a / b; else print "-"}')
  printf '%-28s %14s %14s %14s %8s\n' "$mode" "$now" "$(rate "$REQUESTS" "${wall[now,$mode]}")" "$then_" "$ratio"
done

fails=0
floor_row() {  # NAME MEASURED FLOOR CMP(ge|le)
  local verdict
  verdict=$(awk -v m="$2" -v f="$3" -v c="$4" 'BEGIN {ok = (c == "ge") ? (m >= f) : (m <= f); print ok ? "PASS" : "FAIL"}')
  [ "$verdict" = PASS ] || fails=$((fails + 1))
  printf '%-44s %12s %10s   %s\n' "$1" "$2" "$([ "$4" = ge ] && echo ">=" || echo "<=") $3" "$verdict"
}
printf '\n%-44s %12s %10s   %s\n' budget measured floor verdict
floor_row "req/s, summary only" "$(rate "$REQUESTS" "${cpu[now,summary]}")" 2500000 ge
floor_row "req/s, --out --no-trace" "$(rate "$REQUESTS" "${cpu[now,notrace]}")" 1500000 ge
floor_row "req/s, --out (trace + access log)" "$(rate "$REQUESTS" "${cpu[now,trace]}")" 1000000 ge
floor_row "req/s, --out --gzip" "$(rate "$REQUESTS" "${cpu[now,gzip]}")" 1000000 ge
floor_row "peak RSS $REQUESTS req / $((REQUESTS / 5)) req" \
  "$(awk -v a="$longRss" -v b="$shortRss" 'BEGIN {printf "%.3f", a / b}')" 1.05 le
echo
if [ "$fails" -eq 0 ]; then echo "all budgets PASS"; else echo "$fails budget(s) FAIL"; fi
