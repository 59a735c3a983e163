#!/usr/bin/env bash
# The ceiling under issue 8's floors: the global world's cache work alone (tools/bench/tier_bound.cc),
# on the same Zipf(0.9) trace as the cachesim benchmark (10 M requests over 1 M objects, fixed
# seed; generated under build/bench/ when missing). Prints requests/s on CPU time for a serial
# replay and for one that prefetches DEPTH requests ahead, best of REPEATS.
#
# Usage: tools/bench/tier_bound.sh   (env: REQUESTS, OBJECTS, ALPHA, SEED, REPEATS, DEPTH)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/bench
REQUESTS=${REQUESTS:-10000000}
OBJECTS=${OBJECTS:-1000000}
ALPHA=${ALPHA:-0.9}
SEED=${SEED:-20261122}
REPEATS=${REPEATS:-3}
DEPTH=${DEPTH:-8}

mkdir -p "$out"
g++ -O2 -std=c++20 -Wall -Wextra -I"$root" "$root/tools/bench/gen_zipf_trace.cc" "$root/sim/random/rng.cc" \
  -o "$out/gen_zipf_trace"
g++ -O2 -DNDEBUG -std=c++20 -Wall -Wextra -Werror -I"$root" "$root/tools/bench/tier_bound.cc" \
  "$root/core/store/policies/lru.cc" "$root/core/store/single_queue_policy.cc" \
  "$root/core/store/object_index.cc" -o "$out/tier_bound"
trace=$out/tier_bound_zipf.oracleGeneral
if [ ! -f "$trace" ] || [ "$(cat "$trace.stamp" 2>/dev/null)" != "$REQUESTS $OBJECTS $ALPHA $SEED" ]; then
  echo "== generating $REQUESTS requests over $OBJECTS objects, Zipf($ALPHA), seed $SEED" >&2
  "$out/gen_zipf_trace" "$REQUESTS" "$OBJECTS" "$ALPHA" "$SEED" /dev/null "$trace" >/dev/null
  echo "$REQUESTS $OBJECTS $ALPHA $SEED" >"$trace.stamp"
fi
for r in $(seq "$REPEATS"); do
  echo "== round $r" >&2
  "$out/tier_bound" "$trace" "$DEPTH"
done | sort -k1,1 -k2,2nr | awk '!seen[$1]++'
