#!/usr/bin/env bash
# The event queue benchmark: heap-only scheduling against constant-delay lanes on the same
# workload (tools/bench/event_queue_bench.cc). Builds it with g++ -O2 under build/bench/, like the
# cachesim benchmark's helpers, and runs it; the two variants must agree on the event order
# (checksum), or it exits 1.
#
# Usage: tools/bench/event_queue_bench.sh [IN_FLIGHT [REQUESTS [REPEATS]]]   (defaults 200000 1000000 3)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
out=$root/build/bench
mkdir -p "$out"
g++ -O2 -DNDEBUG -std=c++20 -Wall -Wextra -Werror -I"$root" "$root/tools/bench/event_queue_bench.cc" \
  "$root/sim/events/event_queue.cc" -o "$out/event_queue_bench"
"$out/event_queue_bench" "$@"
