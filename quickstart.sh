#!/usr/bin/env bash
# Quick start: installs what jsd-kiosk needs (Debian 12), builds it, creates the
# demo registry on first run and starts the kiosk on it.
set -euo pipefail
cd "$(dirname "$0")"

as_root() { if [ "$(id -u)" -eq 0 ]; then "$@"; else sudo "$@"; fi; }
export DEBIAN_FRONTEND=noninteractive
as_root apt-get update
as_root apt-get install -y --no-install-recommends $(grep -v '^#' .ci/packages)

autoreconf -fi
mkdir -p _build
cd _build
[ -f Makefile ] || ../configure
make -j"$(nproc)"

# The demo registry lives where both programs look by default
# ($XDG_DATA_HOME/jsd-kiosk/registry.db); demo is harmless when it exists.
./jsdctl demo
exec ./jsd-kiosk
