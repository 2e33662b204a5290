"""The canary as the nightly job runs it (scripts/canary.sh), on a small part of the suite: a venv of its
own with the newest releases pyproject.toml allows, installed from PyPI (so this test needs the network),
the tests, the benchmark smoke, and the report in the job summary."""

from __future__ import annotations

import os
import re
import subprocess

import pytest

from conftest import ROOT


@pytest.mark.slow
def test_the_canary_installs_the_newest_releases_and_reports(tmp_path):
    out, summary = tmp_path / "out", tmp_path / "summary.md"
    summary.write_text("### Earlier step\n", encoding="utf-8")
    env = {**os.environ, "CANARY_OUT": str(out), "CANARY_VENV": str(tmp_path / "venv"), "CANARY_BENCH_SIZES": "20",
           "PYTEST_WORKERS": "0", "GITHUB_STEP_SUMMARY": str(summary)}
    env.pop("VIRTUAL_ENV", None)
    done = subprocess.run(["bash", "scripts/canary.sh", "tests/unit/test_canary_report.py",
                           "tests/unit/test_markup_speedups.py", "-p", "no:cacheprovider",
                           f"--basetemp={tmp_path / 'pt'}"], cwd=ROOT, env=env, capture_output=True,
                          text=True, timeout=1500)
    report = (out / "report.md").read_text(encoding="utf-8")
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    assert report.startswith("## Canary: the newest releases pyproject.toml allows\n")
    assert re.search(r"\*\*Suite: passed\*\* \([\d,]+ passed, 0 failed, 0 errors", report), report
    assert "**Benchmark smoke: passed**" in report
    assert re.search(r"\*\*Markdown speed-ups: (on|off: Python-Markdown \S+ with pymdown-extensions \S+ is not)",
                     report), report
    assert "### Versions that differ from requirements/lock.txt" in report
    assert summary.read_text(encoding="utf-8") == "### Earlier step\n" + report
    assert (out / "junit.xml").is_file() and (out / "bench" / "latest.json").is_file()
