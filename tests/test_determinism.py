"""Determinism gate: the real site, search index included, is byte-identical across builds run in
different processes, hash seeds, time zones, locales, working directories and output folders."""

from __future__ import annotations

import difflib
import os
import subprocess
import sys

from conftest import ROOT, search_supported, tree_digest

VARIANTS = [
    {"PYTHONHASHSEED": "1", "TZ": "UTC", "LC_ALL": "C.UTF-8", "LANG": "C.UTF-8"},
    {"PYTHONHASHSEED": "4242", "TZ": "Asia/Shanghai", "LC_ALL": "C", "LANG": "C"},
]


def _build(out, env_overrides, cwd):
    env = {**os.environ, **env_overrides}
    args = [sys.executable, str(ROOT / "build.py"), "build", "--site", str(ROOT), "--out", str(out), "--base-url", "/"]
    if not search_supported():
        args.append("--no-search")
    proc = subprocess.run(args, cwd=cwd, env=env, capture_output=True, text=True, timeout=600)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return tree_digest(out)


def _differences(a_dir, b_dir, a, b) -> str:
    lines = []
    for rel in sorted(set(a) | set(b)):
        if rel not in a or rel not in b:
            lines.append(f"{rel}: only in {'second' if rel not in a else 'first'} build")
        elif a[rel] != b[rel]:
            lines.append(f"{rel}: contents differ")
            try:
                first = (a_dir / rel).read_text(encoding="utf-8").splitlines()
                second = (b_dir / rel).read_text(encoding="utf-8").splitlines()
                lines += list(difflib.unified_diff(first, second, lineterm="", n=0))[2:12]
            except UnicodeDecodeError:
                pass
    return "\n".join(lines[:200])


def test_builds_are_byte_identical(tmp_path, built_site, repository_cache):
    (tmp_path / "cwd-a").mkdir()
    (tmp_path / "cwd-b").mkdir()
    first = _build(tmp_path / "a" / "public", VARIANTS[0], tmp_path / "cwd-a")
    second = _build(tmp_path / "elsewhere" / "out", VARIANTS[1], tmp_path / "cwd-b")
    assert len(first) > 200
    assert first == second, _differences(tmp_path / "a" / "public", tmp_path / "elsewhere" / "out", first, second)
    in_process = tree_digest(built_site)     # the session's build (in-process, via the Python API)
    assert in_process == first, _differences(built_site, tmp_path / "a" / "public", in_process, first)
    if search_supported():
        assert any(rel.startswith("pagefind/") for rel in first)


def test_the_comparison_reports_a_changed_byte_and_a_missing_file(tmp_path):
    for name in ("a", "b"):
        (tmp_path / name / "en").mkdir(parents=True)
        (tmp_path / name / "en" / "index.html").write_text("<p>same</p>\n", encoding="utf-8")
    (tmp_path / "b" / "en" / "index.html").write_text("<p>Same</p>\n", encoding="utf-8")
    (tmp_path / "a" / "extra.txt").write_text("x", encoding="utf-8")
    a, b = tree_digest(tmp_path / "a"), tree_digest(tmp_path / "b")
    assert a != b
    report = _differences(tmp_path / "a", tmp_path / "b", a, b)
    assert "en/index.html: contents differ" in report and "+<p>Same</p>" in report
    assert "extra.txt: only in first build" in report
