#!/usr/bin/env bash
# Refresh requirements/lock.txt: every runtime, test and build dependency pinned with its hashes,
# resolved from pyproject.toml's ranges (and requirements/build.in), written to requirements/lock.in,
# against PyPI alone.
# Run it after changing a range in pyproject.toml, or to take new releases:
#   bash scripts/lock.sh                       # keep what is locked where the ranges allow it
#   bash scripts/lock.sh --upgrade             # newest releases the ranges allow
#   bash scripts/lock.sh --upgrade-package markdown   # one package
set -euo pipefail
cd "$(dirname "$0")/.."
tools=.cache/lock-tools
[ -x "$tools/bin/pip-compile" ] || { python3 -m venv "$tools" && "$tools/bin/pip" install -q pip-tools==7.6.2; }
python3 scripts/lock_inputs.py          # requirements/lock.in: pyproject.toml's ranges + build.in
# Only PyPI: no local wheel folders or extra indexes from this machine's pip configuration.
env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_CONSTRAINT PIP_CONFIG_FILE=/dev/null \
  "$tools/bin/pip-compile" --quiet --generate-hashes --allow-unsafe --strip-extras \
  --index-url https://pypi.org/simple --no-emit-index-url \
  --output-file requirements/lock.txt "$@" requirements/lock.in
