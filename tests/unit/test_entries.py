"""load/entries: `<kind>/<slug>.<lang>.md` files merged into entries, fields checked against the schema."""

from __future__ import annotations

import pytest

from neurips_report.errors import Problems
from neurips_report.load.entries import load_entries

PAPER = """---
title: "A Tiny Model"
authors: [Jane Doe, John Smith]
type: oral
track: vision
bib: doe2031tiny
---
Body of {lang}.
"""


@pytest.fixture
def content(tmp_path):
    root = tmp_path / "content"
    for kind in ("sections", "talks", "tracks", "papers"):
        (root / kind).mkdir(parents=True)
    return root


def put(content, rel, text):
    path = content / rel
    path.write_text(text, encoding="utf-8")
    return path


def load(content, langs=("en", "zh")):
    problems = Problems(content.parent)
    return load_entries(content, list(langs), problems), [p.format() for p in problems.errors]


def test_versions_merge_into_one_entry(content):
    put(content, "papers/tiny.en.md", PAPER.format(lang="en"))
    put(content, "papers/tiny.zh.md", PAPER.format(lang="zh").replace('"A Tiny Model"', "微型模型"))
    entries, errors = load(content)
    assert errors == []
    paper = entries["papers"]["tiny"]
    assert list(paper.versions) == ["en", "zh"]
    assert paper.data == {"authors": ["Jane Doe", "John Smith"], "type": "oral", "track": "vision", "bib": "doe2031tiny"}
    assert paper.versions["zh"].title == "微型模型"
    assert paper.versions["en"].body == "Body of en.\n" and paper.versions["en"].body_line == 8
    assert paper.versions["en"].line_of("bib") == 6
    assert paper.track == "vision"                           # shared fields read as attributes
    assert set(entries) == {"sections", "talks", "tracks", "papers"} and entries["talks"] == {}


def test_shared_field_given_in_one_version_only(content):
    put(content, "papers/tiny.en.md", PAPER.format(lang="en"))
    put(content, "papers/tiny.zh.md", "---\ntitle: 微型模型\n---\n")
    entries, errors = load(content)
    assert errors == []
    assert entries["papers"]["tiny"].data["bib"] == "doe2031tiny"


def test_entries_sorted_by_slug_and_versions_by_site_language(content):
    for slug in ("b", "a", "c"):
        for lang in ("zh", "en"):
            put(content, f"tracks/{slug}.{lang}.md", "---\ntitle: T\n---\n")
    entries, errors = load(content)
    assert errors == [] and list(entries["tracks"]) == ["a", "b", "c"]
    assert list(entries["tracks"]["a"].versions) == ["en", "zh"]


@pytest.mark.parametrize("rel, expected", [
    ("papers/tiny.md", "content/papers/tiny.md:1: error: cannot tell slug and language from the file name 'tiny.md'"),
    ("papers/Tiny_Model.en.md", "content/papers/Tiny_Model.en.md:1: error: 'Tiny_Model' is not a valid slug"),
    ("papers/tiny.de.md", "content/papers/tiny.de.md:1: error: unknown language 'de'"),
])
def test_bad_file_names(content, rel, expected):
    put(content, rel, PAPER.format(lang="x"))
    entries, errors = load(content)
    assert errors[0].split("\n")[0] == expected
    assert entries["papers"] == {}


def test_hidden_files_ignored(content):
    put(content, "papers/.tiny.en.md.swp", "junk")
    assert load(content) == ({"sections": {}, "talks": {}, "tracks": {}, "papers": {}}, [])


def test_unknown_field_with_did_you_mean(content):
    put(content, "tracks/vision.en.md", "---\ntitle: Vision\nnumbr: 1\n---\n")
    _, errors = load(content, ["en"])
    assert errors == ["content/tracks/vision.en.md:3: error: unknown field 'numbr'\n    hint: did you mean 'number'?"]


def test_unknown_field_without_close_match_lists_fields(content):
    put(content, "tracks/vision.en.md", "---\ntitle: Vision\ncolour: red\n---\n")
    _, errors = load(content, ["en"])
    assert errors == ["content/tracks/vision.en.md:3: error: unknown field 'colour'\n"
                      "    hint: known fields: title, number, order, updated"]


@pytest.mark.parametrize("front, expected", [
    ("title: S\norder: ten", "content/sections/s.en.md:3: error: 'order' must be a whole number, not 'ten'"),
    ("title: S\norder: -1", "content/sections/s.en.md:3: error: 'order' must not be negative"),
    ("title: [S]\norder: 1", "content/sections/s.en.md:2: error: 'title' must be a non-empty text, not a list (['S'])"),
    ("title: S\norder: 1\nlists: everything", "content/sections/s.en.md:4: error: 'lists' must be one of talks, tracks, awards, untracked, not 'everything'"),
    ("title: S\norder: 1\nupdated: yesterday", "content/sections/s.en.md:4: error: 'updated' must be a date written YYYY-MM-DD, not 'yesterday'"),
    ("order: 1", "content/sections/s.en.md:1: error: missing required field 'title'"),
    ("title: S", "content/sections/s.en.md:1: error: missing required field 'order'"),
])
def test_field_values_checked(content, front, expected):
    put(content, "sections/s.en.md", f"---\n{front}\n---\nText\n")
    _, errors = load(content, ["en"])
    assert errors[0].split("\n")[0] == expected


def test_shared_fields_must_agree(content):
    put(content, "papers/tiny.en.md", PAPER.format(lang="en"))
    put(content, "papers/tiny.zh.md", PAPER.format(lang="zh").replace("type: oral", "type: poster"))
    _, errors = load(content)
    assert errors == ["content/papers/tiny.zh.md:4: error: 'type' differs from the en version\n"
                      "    hint: tiny.en.md says 'oral'; language versions must agree"]

