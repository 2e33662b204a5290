#!/usr/bin/env bash
# The README's test command: install what the tests need, then run every test, spread over the
# CPU cores by pytest-xdist (PYTEST_WORKERS=0 runs them in this process; any pytest option can follow).
# --dist loadgroup keeps the tests of a module with module-scoped fixtures together (tests/conftest.py).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" --dist loadgroup "$@"
