"""markup/speedups.py changes no byte of a site: the real site and every fixture site, built with plain
Python-Markdown (NEURIPS_REPORT_PLAIN_MARKDOWN=1), are identical to the session's builds, which use the
speed-ups (tests/unit/test_markup_speedups.py compares single documents)."""

from __future__ import annotations

import pytest
from conftest import ROOT, SITES, Options, build, copy_site, run_build, search_supported, tree_digest
from test_determinism import _differences

from neurips_report.markup import speedups
from neurips_report.markup.converter import Converter


def _plain(monkeypatch, make):
    monkeypatch.setenv(speedups.PLAIN_ENV, "1")
    assert not Converter().speedups
    make()
    monkeypatch.delenv(speedups.PLAIN_ENV)
    assert Converter().speedups


def test_real_site_is_identical_with_plain_markdown(tmp_path, monkeypatch, built_site):
    out = tmp_path / "public"
    _plain(monkeypatch, lambda: build(Options(ROOT, out, base_url="/", search=search_supported(),
                                              cache_dir=tmp_path / "cache")))
    fast, plain = tree_digest(built_site), tree_digest(out)
    assert len(plain) > 200
    assert fast == plain, _differences(built_site, out, fast, plain)


@pytest.mark.parametrize("name", sorted(path.name for path in SITES.iterdir() if (path / "content").is_dir()))
def test_fixture_site_is_identical_with_plain_markdown(tmp_path, monkeypatch, built, name):
    out = tmp_path / "out"
    _plain(monkeypatch, lambda: run_build(copy_site(name, tmp_path, warm=False), out))
    fast, plain = tree_digest(built(name)), tree_digest(out)
    assert fast == plain, _differences(built(name), out, fast, plain)
