#!/usr/bin/env bash
# Installs, from Debian's archive only, whatever cdnsim needs to build and test and is not there yet.
# Idempotent: when everything is installed it only checks, and touches nothing.
set -euo pipefail

packages=(g++ cmake ninja-build pkg-config libboost1.81-dev libyaml-cpp-dev libfmt-dev catch2
          libcli11-dev nlohmann-json3-dev zlib1g-dev clang libclang-rt-14-dev python3
          openmpi-bin)  # mpirun: the sweep shard test runs a grid under it
# report.html inlines Chart.js from the system at run time (never vendored); its test opens the
# page in headless Chromium.
packages+=(libjs-chart.js chromium)
# Optional extras (not needed to build or test) are asked for with CDNSIM_EXTRA_PACKAGES="a b".
# shellcheck disable=SC2206
packages+=(${CDNSIM_EXTRA_PACKAGES:-})

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed' || missing+=("$p")
done
if [ ${#missing[@]} -eq 0 ]; then
  exit 0
fi

echo "setup_deps: installing ${missing[*]}" >&2
sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -qq
$sudo apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
