#!/usr/bin/env bash
# Fuzzes the HTTP parsers for a bounded time: tools/ci/fuzz.sh [BUILD_DIR]
# FUZZ_SECONDS (default 60) bounds the run. Exits non-zero when libFuzzer finds a crash, a
# sanitizer report or a broken invariant; the reproducer is left in BUILD_DIR/fuzz-artifacts/.
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
build_dir=${1:-$root/build-fuzz}
seconds=${FUZZ_SECONDS:-60}

bash "$root/tools/setup_deps.sh"
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_COMPILER=clang++ -DCDNSIM_FUZZ=ON -DCDNSIM_TESTS=OFF >/dev/null
cmake --build "$build_dir" --target fuzz_http_parsers --parallel "$(nproc)"

# libFuzzer writes new inputs into the first corpus folder: keep the checked-in seeds read-only
# by copying them into a scratch corpus.
work="$build_dir/fuzz-corpus"
artifacts="$build_dir/fuzz-artifacts"
mkdir -p "$work" "$artifacts"
cp -n "$root"/tools/fuzz/corpus/* "$work"/ 2>/dev/null || true

export ASAN_OPTIONS=${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}
export UBSAN_OPTIONS=${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}
echo "fuzz: fuzz_http_parsers for ${seconds}s"
"$build_dir/tools/fuzz/fuzz_http_parsers" "$work" \
  -dict="$root/tools/fuzz/http.dict" -max_total_time="$seconds" -max_len=4096 -timeout=10 \
  -print_final_stats=1 \
  -artifact_prefix="$artifacts/"
