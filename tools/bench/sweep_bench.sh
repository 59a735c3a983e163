#!/usr/bin/env bash
# The `cdnsim sweep` benchmark: a 24-point grid — 6 eviction policies x 4 POP cache capacities —
# over scenarios/quickstart.yaml at $REQUESTS requests per point, done three ways:
#   runs      24 sequential `cdnsim run --json` processes, one per point (a user's shell loop);
#   sweep -j1 one `cdnsim sweep` process, one thread;
#   sweep -j2 one `cdnsim sweep` process on both cores.
# Prints wall and CPU seconds (best of $REPEATS by wall time) and the speed-ups of `sweep -j2`,
# and checks that every point's origin requests and edge hits are the same from the sweep as from
# its own run. The machine is shared: the load average is printed beside the figures.
#
# Usage: tools/bench/sweep_bench.sh   (env: REQUESTS (default 200000), REPEATS (default 3))
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
REQUESTS=${REQUESTS:-200000}
REPEATS=${REPEATS:-3}
out=$root/build/bench/sweep
mkdir -p "$out"
echo "== building" >&2
bash "$root/tools/build.sh" "$root/build" >/dev/null
cdnsim=$root/build/tools/cdnsim
scenario=$root/scenarios/quickstart.yaml
policies=(lru fifo clock sieve s3fifo wtinylfu)
capacities=(8MiB 32MiB 128MiB 512MiB)
grid=(--grid "pops[*].cache.policy=$(IFS=,; echo "${policies[*]}")"
      --grid "pops[*].cache.capacity=$(IFS=,; echo "${capacities[*]}")")

runs() {
  local point=0
  for policy in "${policies[@]}"; do
    for capacity in "${capacities[@]}"; do
      "$cdnsim" run "$scenario" --requests "$REQUESTS" --set "pops[*].cache.policy=$policy" \
        --set "pops[*].cache.capacity=$capacity" --json >"$out/run-$point.json"
      point=$((point + 1))
    done
  done
}
sweep1() { "$cdnsim" sweep "$scenario" --requests "$REQUESTS" "${grid[@]}" -j1 --json >"$out/sweep-j1.json"; }
sweep2() { "$cdnsim" sweep "$scenario" --requests "$REQUESTS" "${grid[@]}" -j2 --json >"$out/sweep-j2.json"; }

# "wall user sys" of the best (by wall time) of $REPEATS.
best() {
  local best="" line
  for _ in $(seq "$REPEATS"); do
    line=$( { TIMEFORMAT='%R %U %S'; time "$1" >/dev/null; } 2>&1 )
    if [ -z "$best" ] || awk -v a="$line" -v b="$best" 'BEGIN { split(a, x, " "); split(b, y, " "); exit !(x[1] < y[1]) }'; then
      best=$line
    fi
  done
  echo "$best"
}

echo "== load average before: $(cut -d' ' -f1-3 /proc/loadavg)" >&2
r_runs=$(best runs)
r_j1=$(best sweep1)
r_j2=$(best sweep2)
echo "== load average after:  $(cut -d' ' -f1-3 /proc/loadavg)" >&2

python3 - "$out" "$REQUESTS" "$r_runs" "$r_j1" "$r_j2" <<'PY'
import json, sys
out, requests = sys.argv[1], int(sys.argv[2])
modes = [("24 x cdnsim run", sys.argv[3]), ("cdnsim sweep -j1", sys.argv[4]), ("cdnsim sweep -j2", sys.argv[5])]
j1 = json.load(open(f"{out}/sweep-j1.json"))
j2 = json.load(open(f"{out}/sweep-j2.json"))
assert j1 == j2, "sweep -j1 and -j2 differ"
for p in j2["points"]:
    run = json.load(open(f"{out}/run-{p['point']}.json"))
    for key, got in (("origin.requests", run["origin"]["requests"]), ("edge.hit_ratio", run["edge"]["hit_ratio"])):
        assert p["metrics"][key] == got, f"point {p['point']}: {key} {p['metrics'][key]} in the sweep, {got} from run"
total = requests * len(j2["points"])
print(f"24-point sweep, {requests} requests per point ({total} in all), best of wall times:")
print(f"{'mode':<18} {'wall s':>8} {'cpu s':>8} {'requests/s (wall)':>18}")
times = {}
for name, line in modes:
    wall, user, sys_ = map(float, line.split())
    times[name] = wall
    print(f"{name:<18} {wall:>8.2f} {user + sys_:>8.2f} {total / wall:>18,.0f}")
print(f"sweep -j2 is {times['24 x cdnsim run'] / times['cdnsim sweep -j2']:.2f}x the 24 sequential runs, "
      f"{times['cdnsim sweep -j1'] / times['cdnsim sweep -j2']:.2f}x sweep -j1")
print("every point's origin requests and edge hit ratio agree between the sweep and its run")
PY
