"""Core error cases: one bad input in a copy of the minimal site.

Each case checks the exact first line of the first problem (`path:line: error: message`), that
`build` exits non-zero from the command line, and that the output of an earlier successful build
is byte-identical afterwards. (The full catalogue of messages is tests/test_error_catalogue.py.)"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

from conftest import build_errors, cli, copy_site, run_build, tree_digest


def edit(rel: str, old: str, new: str):
    def apply(root: Path) -> None:
        path = root / "content" / rel
        text = path.read_text(encoding="utf-8")
        assert old in text, f"{old!r} not in {rel}"
        path.write_text(text.replace(old, new, 1), encoding="utf-8")
    return apply


def both(rel_pattern: str, old: str, new: str):
    def apply(root: Path) -> None:
        for lang in ("en", "zh"):
            edit(rel_pattern.format(lang=lang), old, new)(root)
    return apply


def delete(rel: str):
    return lambda root: (root / "content" / rel).unlink()


def append(rel: str, text: str):
    def apply(root: Path) -> None:
        with open(root / "content" / rel, "a", encoding="utf-8") as f:
            f.write(text)
    return apply


CASES = [
    pytest.param(
        edit("papers/tiny-model.en.md", 'title: "A Tiny Model"', 'title: "A Tiny Model'),
        "content/papers/tiny-model.en.md:2: error: invalid YAML: a quote is not closed",
        None, id="broken-yaml-in-front-matter"),
    pytest.param(
        edit("sections/overview.zh.md", "summary:", "sumary:"),
        "content/sections/overview.zh.md:4: error: unknown field 'sumary'",
        "did you mean 'summary'?", id="unknown-field-did-you-mean"),
    pytest.param(
        both("talks/keynote.{lang}.md", "order: 1", "order: first"),
        "content/talks/keynote.en.md:5: error: 'order' must be a whole number, not 'first'",
        None, id="wrong-type"),
    pytest.param(
        both("talks/keynote.{lang}.md", "speaker: Grace Hopper\n", ""),
        "content/talks/keynote.en.md:1: error: missing required field 'speaker'",
        "add 'speaker: ...' to the front matter", id="missing-required-field"),
    pytest.param(
        both("papers/tiny-model.{lang}.md", "track: vision", "track: visoin"),
        "content/papers/tiny-model.en.md:5: error: unknown track 'visoin'",
        "did you mean 'vision'?", id="unknown-track"),
    pytest.param(
        edit("sections/overview.en.md", "@roe2030small", "@roe2030smal"),
        "content/sections/overview.en.md:6: error: unknown citation key 'roe2030smal'",
        "did you mean 'roe2030small'?", id="unknown-citation-key"),
    pytest.param(
        delete("talks/keynote.zh.md"),
        "content/talks/keynote.en.md:1: error: missing translation: no zh version of talk 'keynote'",
        None, id="missing-translation"),
    pytest.param(
        edit("i18n/zh.yaml", "feed: Atom 订阅\n", ""),
        "content/i18n/zh.yaml:1: error: missing translation of interface string 'feed'",
        "add 'feed: ...' to i18n/zh.yaml", id="missing-interface-string"),
    pytest.param(
        append("references.bib", "\n@misc{doe2031tiny,\n  title = {Again},\n  author = {Doe, Jane},\n  year = {2031}\n}\n"),
        "content/references.bib:17: error: duplicate bibliography key 'doe2031tiny'",
        "'doe2031tiny' is already defined on line 1", id="duplicate-bib-key"),
    pytest.param(
        edit("statistics.yaml", "count: 1}", "count: 2}"),
        "content/statistics.yaml:8: error: breakdown 'presentation-type': parts sum to 2, not the total 1",
        "fix a count, or add 'partial: true' if the parts are a selection", id="parts-not-summing"),
    pytest.param(
        edit("site.yaml", "  year: 2031\n", "  year: 2031\n  start: 2031-02-30\n"),
        "content/site.yaml:8: error: invalid date '2031-02-30'",
        None, id="impossible-date"),
    pytest.param(
        edit("sections/overview.en.md", "order: 10\n", "order: 10\nupdated: last week\n"),
        "content/sections/overview.en.md:4: error: 'updated' must be a date written YYYY-MM-DD, not 'last week'",
        None, id="bad-date"),
    pytest.param(
        edit("sections/overview.en.md", "(paper:tiny-model)", "(paper:tiny-modle)"),
        "content/sections/overview.en.md:6: error: broken internal link 'paper:tiny-modle': no paper 'tiny-modle'",
        "did you mean 'tiny-model'?", id="broken-internal-link"),
]


@pytest.fixture(scope="module")
def prebuilt(tmp_path_factory) -> Path:
    """The minimal site with its output in public/, built once for the module."""
    root = copy_site("minimal", tmp_path_factory.mktemp("prebuilt"))
    run_build(root, root / "public")
    return root


@pytest.fixture
def broken_site(prebuilt, tmp_path):
    root = tmp_path / "minimal"
    shutil.copytree(prebuilt, root)
    return root


@pytest.mark.parametrize("mutate, first_line, hint", CASES)
def test_error_case(broken_site, mutate, first_line, hint):
    root, out = broken_site, broken_site / "public"
    before = tree_digest(out)
    mutate(root)

    errors = build_errors(root, out)
    assert errors, "the build should have failed"
    assert errors[0].split("\n")[0] == first_line, errors
    if hint:
        assert errors[0].split("\n")[1] == f"    hint: {hint}"
    assert tree_digest(out) == before

    result = cli("build", "--site", str(root), "--no-search")
    assert result.returncode == 1
    assert first_line in result.stderr.splitlines()
    assert result.stderr.rstrip().endswith("build failed; the previous output was left untouched")
    assert tree_digest(out) == before


def test_the_unbroken_copy_builds(broken_site):
    assert build_errors(broken_site, broken_site / "public") == []
