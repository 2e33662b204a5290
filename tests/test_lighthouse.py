"""Lighthouse (slow: run with --run-slow): accessibility, best practices and SEO score 100 on the
home pages, a paper page and the bibliography. Scores are recorded in tests/LIGHTHOUSE.md."""

import json
import subprocess

import pytest

from conftest import ROOT

pytestmark = [pytest.mark.slow, pytest.mark.browser]


def test_lighthouse_scores(tmp_path, repository_cache):
    proc = subprocess.run(["bash", str(ROOT / "tests" / "node" / "lighthouse.sh"), str(tmp_path)],
                          cwd=ROOT, capture_output=True, text=True, timeout=900)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    summary = json.loads((tmp_path / "summary.json").read_text())
    assert len(summary) >= 4
    low = {page: {c: s for c, s in r["scores"].items() if c != "performance" and s < 100} | {"failed": r["failed_binary_audits"]}
           for page, r in summary.items()
           if any(s < 100 for c, s in r["scores"].items() if c != "performance")}
    assert low == {}, proc.stdout
