#!/usr/bin/env bash
# The main job: install what is missing, build, and run the shipped default scenario, printing its
# summary table. Outputs go to out/quickstart/. Extra arguments are passed to `cdnsim run`.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
bash "$root/tools/build.sh" "$root/build"
exec "$root/build/tools/cdnsim" run "$root/scenarios/quickstart.yaml" --out "$root/out/quickstart" "$@"
