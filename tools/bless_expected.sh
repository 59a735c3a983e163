#!/usr/bin/env bash
# Regenerates the expected outputs of every shipped scenario (tests/scenarios/expected/*.json)
# after a change that moves them on purpose, and prints what moved in each. Review the diff and
# say in the commit why the numbers moved. A scenario without a file gets one.
#   bash tools/bless_expected.sh            # builds and uses build/ (BUILD_DIR=... for another)
set -euo pipefail
cd "$(dirname "$0")/.."
build="${BUILD_DIR:-build}"
if ! log=$(cmake --build "$build" --target cdnsim scenario_tests -- -j2 2>&1); then
  echo "$log" >&2
  exit 1
fi
CDNSIM_BLESS=1 "$build/tests/scenario_tests" "every shipped scenario matches its expected outputs"
git status --short tests/scenarios/expected
