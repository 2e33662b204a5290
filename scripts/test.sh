#!/usr/bin/env bash
# The README's test command: install what the tests need, then run every test, spread over the
# CPU cores by pytest-xdist (PYTEST_WORKERS=0 runs them in this process; any pytest option can follow).
# --dist loadfile: a file's tests run on one worker, so its module-scoped fixtures (the browser crawl,
# reference builds) are made once; tests/conftest.py orders the files longest first.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-test-deps.sh
exec .venv/bin/python -m pytest -n "${PYTEST_WORKERS:-auto}" --dist loadfile "$@"
