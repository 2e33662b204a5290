"""Golden pages: selected pages of both fixture sites, compared after normalisation.

Run `pytest tests/test_golden.py --update-golden` to rewrite tests/golden/ from the current output,
then review the diff before committing it."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

GOLDEN = Path(__file__).resolve().parent / "golden"

PAGES = {
    "minimal": [
        "index.html",                       # language choice
        "en/index.html",                    # home
        "zh/overview/index.html",           # section
        "en/tracks/vision/index.html",      # track
        "zh/papers/tiny-model/index.html",  # paper
        "zh/bibliography/index.html",
        "en/statistics/index.html",
        "sitemap.xml",
        "en/feed.xml",
    ],
    "other-conference": [
        "index.html",
        "fr/index.html",
        "en/acceptance/index.html",             # section with charts, math, table of contents
        "fr/tracks/learning-theory/index.html",
        "fr/papers/private-medians/index.html", # editor's note
        "fr/bibliography/index.html",           # a/b labels, non-ASCII names
        "en/statistics/index.html",
        "fr/corrections/index.html",
        "sitemap.xml",
        "fr/feed.xml",
    ],
}

ASSET_RE = re.compile(r"(assets/[\w./-]+?)\.[0-9a-f]{10}(\.\w+)")
BETWEEN_TAGS_RE = re.compile(r">\s+<")


def normalise(text: str) -> str:
    """Drop content hashes from asset names, put each tag on its own line, strip line ends."""
    text = ASSET_RE.sub(r"\1\2", text)
    text = BETWEEN_TAGS_RE.sub("><", text).replace("><", ">\n<")
    return "\n".join(line.rstrip() for line in text.splitlines()).strip() + "\n"


def test_normalise_strips_hashes_and_whitespace():
    html = '<link href="/x/assets/style.0123456789.css">\n   <p> a  b </p>  \n'
    assert normalise(html) == '<link href="/x/assets/style.css">\n<p> a  b </p>\n'


CASES = [(site, rel) for site, rels in PAGES.items() for rel in rels]


@pytest.mark.parametrize("site_name, rel", CASES, ids=[f"{s}:{r}" for s, r in CASES])
def test_golden_page(built, update_golden, site_name, rel):
    actual = normalise((built(site_name) / rel).read_text(encoding="utf-8"))
    golden = GOLDEN / site_name / rel
    if update_golden:
        golden.parent.mkdir(parents=True, exist_ok=True)
        golden.write_text(actual, encoding="utf-8")
        return
    assert golden.is_file(), f"no golden file {golden}; run pytest --update-golden"
    expected = golden.read_text(encoding="utf-8")
    assert actual == expected, f"{site_name}/{rel} differs from {golden}; if the change is intended, run pytest --update-golden"


def test_no_stray_golden_files():
    """Every file under tests/golden/ belongs to a listed page (renamed pages leave none behind)."""
    listed = {f"{site}/{rel}" for site, rel in CASES}
    present = {p.relative_to(GOLDEN).as_posix() for p in GOLDEN.rglob("*") if p.is_file()}
    assert present <= listed, sorted(present - listed)
