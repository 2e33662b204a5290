#!/usr/bin/env bash
# The README's build-and-serve command: install, build the real site, serve it on localhost.
set -euo pipefail
cd "$(dirname "$0")/.."
[ -x .venv/bin/python ] || python3 -m venv .venv
.venv/bin/pip install -q -e . >/dev/null
.venv/bin/neurips-report build
exec .venv/bin/neurips-report serve --port "${PORT:-8000}"
