"""markup/speedups.py changes no byte of a site: the real site and every fixture site, built with plain
Python-Markdown (NEURIPS_REPORT_PLAIN_MARKDOWN=1), are identical to builds with the speed-ups: the session's
builds, or, on a release of Python-Markdown they were not proven on (which the build would convert with
plain Python-Markdown), builds with them forced on, to prove that release
(tests/unit/test_markup_speedups.py compares single documents)."""

from __future__ import annotations

import pytest
from conftest import ROOT, SITES, Options, build, copy_site, run_build, search_supported, tree_digest
from test_determinism import _differences

from neurips_report.markup import speedups
from neurips_report.markup.converter import Converter


def _with(monkeypatch, fast: bool, make):
    """make(), with the build's converters using the speed-ups or plain Python-Markdown."""
    with monkeypatch.context() as patch:
        if fast:
            patch.delenv(speedups.PLAIN_ENV, raising=False)
            patch.setattr(speedups, "PROVEN", speedups.PROVEN | {speedups.installed_versions()})
        else:
            patch.setenv(speedups.PLAIN_ENV, "1")
        assert Converter().speedups == fast
        make()


def _compare(fast_dir, plain_dir):
    fast, plain = tree_digest(fast_dir), tree_digest(plain_dir)
    assert len(plain) > 20
    assert fast == plain, _differences(fast_dir, plain_dir, fast, plain)


def _proven() -> bool:
    return speedups.why_plain() is None


def test_real_site_is_identical_with_plain_markdown(tmp_path, monkeypatch, built_site):
    def make(out):
        return lambda: build(Options(ROOT, out, base_url="/", search=search_supported(), cache_dir=out.parent / "cache"))

    fast = built_site if _proven() else tmp_path / "fast" / "public"
    if not _proven():
        _with(monkeypatch, True, make(fast))
    _with(monkeypatch, False, make(tmp_path / "plain" / "public"))
    _compare(fast, tmp_path / "plain" / "public")


@pytest.mark.parametrize("name", sorted(path.name for path in SITES.iterdir() if (path / "content").is_dir()))
def test_fixture_site_is_identical_with_plain_markdown(tmp_path, monkeypatch, built, name):
    def make(variant):
        return lambda: run_build(copy_site(name, tmp_path / variant, warm=False), tmp_path / variant / "out")

    fast = built(name) if _proven() else tmp_path / "fast" / "out"
    if not _proven():
        _with(monkeypatch, True, make("fast"))
    _with(monkeypatch, False, make("plain"))
    _compare(fast, tmp_path / "plain" / "out")
