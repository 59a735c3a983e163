#!/usr/bin/env bash
# Configures and builds cdnsim into a build folder: tools/build.sh [BUILD_DIR] [extra cmake args...]
# Defaults to build/ in Release. Installs missing Debian dependencies first.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/setup_deps.sh"
build_dir=${1:-$root/build}
shift || true
cmake -S "$root" -B "$build_dir" -G Ninja -DCMAKE_BUILD_TYPE=Release "$@" >/dev/null
cmake --build "$build_dir" --parallel "$(nproc)"
