#!/usr/bin/env bash
# The README's build-and-serve command: install, build the real site (with search), serve it on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
source scripts/venv.sh
.venv/bin/pip install -q -e . >/dev/null
exec .venv/bin/neurips-report serve --port "${PORT:-8000}"
