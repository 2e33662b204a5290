#!/usr/bin/env bash
# The README's build-and-serve command: install the locked dependencies, build the real site (with search), serve it on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
exec .venv/bin/neurips-report serve --port "${PORT:-8000}"
