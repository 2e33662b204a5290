#!/usr/bin/env bash
# The README's test command: install what the tests need, then run every test.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec .venv/bin/python -m pytest "$@"
