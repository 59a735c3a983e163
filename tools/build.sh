#!/usr/bin/env bash
# Configures and builds cdnsim into a build folder: tools/build.sh [BUILD_DIR] [extra cmake args...]
# Defaults to build/ in Release, the libraries compiled in batches (CDNSIM_UNITY_BUILD). Installs
# missing Debian dependencies first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/setup_deps.sh"
build_dir=${1:-$root/build}
shift || true
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release -DCDNSIM_UNITY_BUILD=ON "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
