#!/usr/bin/env bash
# Fuzzes every parser for a bounded time: tools/ci/fuzz.sh [BUILD_DIR]
# Targets (tools/fuzz/): the HTTP header parsers, the YAML loaders, and one per trace-line format.
# FUZZ_SECONDS (default 75) is the whole fuzzing budget, shared out by the weights below.
# Exits non-zero when libFuzzer finds a crash, a sanitizer report, an escaped exception or a broken
# invariant in any target (the others still run); reproducers are left in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$root/build-fuzz}
budget=${FUZZ_SECONDS:-75}

# name, share of the budget (of 20), dictionary, longest input
targets=(
  "fuzz_http_parsers 5 http.dict 4096"
  "fuzz_config_loaders 7 yaml.dict 16384"
  "fuzz_trace_csv 3 trace.dict 4096"
  "fuzz_trace_text 2 trace.dict 4096"
  "fuzz_trace_cloudfront 3 trace.dict 4096"
)

bash "$root/tools/setup_deps.sh"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCDNSIM_FUZZ=ON -DCDNSIM_TESTS=OFF >/dev/null
names=()
for t in "${targets[@]}"; do names+=("${t%% *}"); done
cmake --build "$build_dir" --target "${names[@]}" --parallel "$(nproc)"

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$artifacts"
failed=()
for t in "${targets[@]}"; do
  read -r name share dict max_len <<<"$t"
  seconds=$(( budget * share / 20 ))
  (( seconds > 0 )) || seconds=1
  # libFuzzer writes new inputs into the first corpus folder: keep the checked-in seeds read-only
  # by copying them into a scratch corpus.
  work="$build_dir/fuzz-corpus/$name"
  mkdir -p "$work"
  cp -n "$root/tools/fuzz/corpus/$name"/* "$work"/ 2>/dev/null || true
  echo "fuzz: $name for ${seconds}s"
  if ! "$build_dir/tools/fuzz/$name" "$work" \
      -dict="$root/tools/fuzz/$dict" -max_total_time="$seconds" -max_len="$max_len" -timeout=10 \
      -rss_limit_mb=2048 -print_final_stats=1 -artifact_prefix="$artifacts/$name-"; then
    failed+=("$name")
  fi
done
if (( ${#failed[@]} > 0 )); then
  echo "fuzz: findings in ${failed[*]}; reproducers in $artifacts/" >&2
  exit 1
fi
echo "fuzz: ${#names[@]} targets, no findings"
