#!/usr/bin/env bash
# The whole test suite: install what is missing, build, run every test with CTest.
# tools/test.sh [BUILD_DIR] [extra cmake args...]
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
build_dir=${1:-$root/build}
shift || true
bash "$root/tools/build.sh" "$build_dir" "$@"
cd "$build_dir"
ctest --output-on-failure --parallel "$(nproc)" --timeout 300
