"""load/entries: `<kind>/<slug>.<lang>.md` files merged into entries, fields checked against the schema."""

from __future__ import annotations

import pytest

from neurips_report.model.problems import Problems
from neurips_report.load.entries import load_entries
from neurips_report.model.content import Paper, Section, Talk, Track, in_order
from neurips_report.model.schema import FIELDS

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
    assert isinstance(paper, Paper) and paper.kind == "papers"
    assert paper.fields() == {"authors": ("Jane Doe", "John Smith"), "type": "oral", "track": "vision",
                              "bib": "doe2031tiny", "url": None, "award": None, "order": None}
    assert paper.versions["zh"].title == "微型模型"
    assert paper.versions["en"].body == "Body of en.\n" and paper.versions["en"].body_line == 8
    assert paper.versions["en"].line_of("bib") == 6
    assert paper.track == "vision"                           # shared fields read as typed attributes
    assert paper.title("zh") == "微型模型" and paper.title("fr") == "A Tiny Model"     # else the first version
    assert set(entries) == {"sections", "talks", "tracks", "papers"} and entries["talks"] == {}


def test_shared_field_given_in_one_version_only(content):
    put(content, "papers/tiny.en.md", PAPER.format(lang="en"))
    put(content, "papers/tiny.zh.md", "---\ntitle: 微型模型\n---\n")
    entries, errors = load(content)
    assert errors == []
    assert entries["papers"]["tiny"].bib == "doe2031tiny"
    assert entries["papers"]["tiny"].version_with("bib").lang == "en"


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



SECTION = "---\ntitle: Overview\nsummary: In short.\norder: 2\ncharts: [history]\nlists: talks\nupdated: 2031-01-02\n---\nText.\n"
TALK = "---\ntitle: A Talk\naffiliation: Somewhere\nspeaker: Ada Lovelace\norder: 1\ndescribed: false\nurl: https://example.org/t\n---\n"
TRACK = "---\ntitle: Vision\nnumber: 7\n---\n"


def test_each_kind_is_its_own_class_with_typed_fields(content):
    put(content, "sections/overview.en.md", SECTION)
    put(content, "talks/keynote.en.md", TALK)
    put(content, "tracks/vision.en.md", TRACK)
    put(content, "papers/tiny.en.md", PAPER.format(lang="en").replace("bib:", "award: Best Paper\norder: 3\nbib:"))
    entries, errors = load(content, ["en"])
    assert errors == []
    section, talk = entries["sections"]["overview"], entries["talks"]["keynote"]
    track, paper = entries["tracks"]["vision"], entries["papers"]["tiny"]
    assert (type(section), type(talk), type(track), type(paper)) == (Section, Talk, Track, Paper)
    assert (section.order, section.charts, section.lists) == (2, ("history",), "talks")
    assert (talk.speaker, talk.order, talk.described, talk.url) == ("Ada Lovelace", 1, False, "https://example.org/t")
    assert (track.number, track.order) == (7, None)
    assert (paper.authors, paper.type, paper.award, paper.order) == (("Jane Doe", "John Smith"), "oral", "Best Paper", 3)
    # per-language fields are the version's
    version = section.version("en")
    assert (version.title, version.summary, str(version.updated)) == ("Overview", "In short.", "2031-01-02")
    assert talk.version("en").affiliation == "Somewhere" and talk.version("en").updated is None
    with pytest.raises(AttributeError):
        paper.data                                           # no generic access to the front matter
    with pytest.raises(AttributeError):
        paper.speaker                                        # a talk's field, not a paper's


def test_optional_fields_default(content):
    put(content, "sections/s.en.md", "---\ntitle: S\norder: 1\n---\n")
    put(content, "talks/t.en.md", "---\ntitle: T\nspeaker: X\norder: 1\n---\n")
    put(content, "tracks/v.en.md", "---\ntitle: V\n---\n")
    put(content, "papers/p.en.md", "---\ntitle: P\nauthors: [A]\ntype: poster\n---\n")
    entries, errors = load(content, ["en"])
    assert errors == []
    assert entries["sections"]["s"].fields() == {"order": 1, "charts": (), "lists": None}
    assert entries["talks"]["t"].fields() == {"speaker": "X", "order": 1, "described": True, "url": None}
    assert entries["tracks"]["v"].fields() == {"number": None, "order": None}
    assert entries["papers"]["p"].fields() == {"authors": ("A",), "type": "poster", "track": None, "bib": None,
                                               "url": None, "award": None, "order": None}
    assert entries["sections"]["s"].version("en").summary == ""


def test_a_bad_or_missing_value_leaves_the_default(content):
    put(content, "sections/s.en.md", "---\ntitle: S\norder: ten\ncharts: history\n---\n")
    put(content, "talks/t.en.md", "---\ntitle: [T]\norder: 1\n---\n")
    entries, errors = load(content, ["en"])
    assert [e.split("\n")[0] for e in errors] == [
        "content/sections/s.en.md:3: error: 'order' must be a whole number, not 'ten'",
        "content/sections/s.en.md:4: error: 'charts' must be a list of names, e.g. [A, B], not 'history'",
        "content/talks/t.en.md:1: error: missing required field 'speaker'",
        "content/talks/t.en.md:2: error: 'title' must be a non-empty text, not a list (['T'])",
    ]
    section, talk = entries["sections"]["s"], entries["talks"]["t"]
    assert (section.order, section.charts) == (None, ())
    assert (talk.speaker, talk.title("en")) == ("", "")


def test_classes_have_a_field_for_each_language_neutral_field_of_the_schema():
    for cls in (Section, Talk, Track, Paper):
        shared = {spec.name for spec in FIELDS[cls.kind] if spec.shared}
        assert set(cls("x", {}).fields()) == shared, cls


def test_unknown_field_is_rejected_with_its_line_for_every_kind(content):
    put(content, "talks/t.en.md", "---\ntitle: T\nspeaker: X\norder: 1\nspeakr: Y\n---\n")
    put(content, "papers/p.en.md", "---\ntitle: P\nauthors: [A]\ntype: poster\nabstract: no\n---\n")
    _, errors = load(content, ["en"])
    assert [e.split("\n")[0] for e in errors] == ["content/papers/p.en.md:5: error: unknown field 'abstract'",
                                                   "content/talks/t.en.md:5: error: unknown field 'speakr'"]


def test_site_order_of_each_kind(content):
    for slug, front in {"b": "order: 2", "a": "order: 2", "c": "order: 1"}.items():
        put(content, f"sections/{slug}.en.md", f"---\ntitle: S\n{front}\n---\n")
    for slug, front in {"late": "", "by-number": "number: 3", "by-order": "number: 9\norder: 1"}.items():
        put(content, f"tracks/{slug}.en.md", f"---\ntitle: T\n{front}\n---\n")
    for slug, front in {"z": "title: Alpha", "y": "title: beta", "x": "title: Zeta\norder: 0"}.items():
        put(content, f"papers/{slug}.en.md", f"---\n{front}\nauthors: [A]\ntype: poster\n---\n")
    entries, errors = load(content, ["en"])
    assert errors == []
    assert [s.slug for s in in_order(entries["sections"].values())] == ["c", "a", "b"]
    assert [t.slug for t in in_order(entries["tracks"].values())] == ["by-order", "by-number", "late"]
    assert [p.slug for p in in_order(entries["papers"].values())] == ["x", "z", "y"]      # order, then title
