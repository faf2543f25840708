#!/usr/bin/env bash
# The first command: install what is missing, then run mcc on embedded defaults (`mcc demo`).
# Extra arguments go to `mcc demo`, e.g. scripts/demo.sh --port 8080
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/bootstrap.sh
exec .venv/bin/mcc demo "$@"
