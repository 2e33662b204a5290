#!/usr/bin/env bash
# The canary for new releases: the whole suite and the benchmark smoke on the newest releases that
# pyproject.toml allows (no lock), in a venv of its own (.venv-canary), then a short report of what
# differs from requirements/lock.txt, what failed and whether the Markdown speed-ups are on:
# $CANARY_OUT/report.md (default .cache/canary/), also added to $GITHUB_STEP_SUMMARY when that is set.
# Exits non-zero when a test or the benchmark smoke failed. The nightly workflow runs it as its own job.
#   bash scripts/canary.sh                          # everything (PYTEST_WORKERS as in scripts/test.sh)
#   bash scripts/canary.sh tests/unit -k markup     # any pytest options: a part of the suite
#   CANARY_BENCH_SIZES=20 bash scripts/canary.sh    # a smaller benchmark smoke (default 20,100,1000)
set -uo pipefail
cd "$(dirname "$0")/.."
out=${CANARY_OUT:-.cache/canary}
venv=${CANARY_VENV:-.venv-canary}

# What the tests need besides Python (Chromium, fonts, Java, the npm tools), as for scripts/test.sh.
bash scripts/install-test-deps.sh || exit 1
rm -rf "$venv" "$out" && mkdir -p "$out" && python3 -m venv "$venv" || exit 1
# The newest releases the ranges allow, from PyPI alone: no lock, no constraints, no local wheel folders
# or extra indexes from this machine's pip configuration.
echo "canary: installing the newest releases pyproject.toml allows into $venv"
if ! env -u PIP_FIND_LINKS -u PIP_EXTRA_INDEX_URL -u PIP_INDEX_URL -u PIP_CONSTRAINT -u PIP_REQUIRE_HASHES \
     PIP_CONFIG_FILE=/dev/null "$venv/bin/python" -m pip install --disable-pip-version-check --quiet \
     --upgrade --index-url https://pypi.org/simple -e '.[test]' >"$out/install.log" 2>&1; then
  cat "$out/install.log" >&2
  exit 1
fi

echo "canary: the suite"
"$venv/bin/python" -m pytest -n "${PYTEST_WORKERS:-auto}" --dist loadfile --junitxml="$out/junit.xml" "$@" \
  2>&1 | tee "$out/pytest.log"
tests=${PIPESTATUS[0]}
echo "canary: the benchmark smoke"
"$venv/bin/python" bench/run.py --sizes "${CANARY_BENCH_SIZES:-20,100,1000}" --peers none --no-real \
  --results "$out/bench" >"$out/bench.log" 2>&1
bench=$?
tail -n 20 "$out/bench.log"

"$venv/bin/python" scripts/canary_report.py --junit "$out/junit.xml" --tests-status "$tests" \
  --bench-status "$bench" >"$out/report.md" || exit 1
cat "$out/report.md"
if [ -n "${GITHUB_STEP_SUMMARY:-}" ]; then cat "$out/report.md" >>"$GITHUB_STEP_SUMMARY"; fi
[ "$tests" -eq 0 ] && [ "$bench" -eq 0 ]
