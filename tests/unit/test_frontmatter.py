"""load/frontmatter: YAML front matter between '---' lines, body with its line offset."""

from __future__ import annotations

import pytest

from neurips_report.model.problems import Problems
from neurips_report.load.frontmatter import load_markdown


@pytest.fixture
def problems(tmp_path):
    return Problems(tmp_path)


def write(tmp_path, text, name="x.en.md"):
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_meta_body_and_offsets(tmp_path, problems):
    path = write(tmp_path, "---\ntitle: T\norder: 3\n---\nFirst line.\n\nSecond.\n")
    source = load_markdown(path, problems)
    assert source.meta == {"title": "T", "order": 3}
    assert source.meta.lines == {"title": 2, "order": 3}
    assert source.body == "First line.\n\nSecond.\n"
    assert source.body_line == 5
    assert source.body.split("\n")[2] == "Second."       # body line 3 is file line 5 + 2 = 7
    assert path.read_text().split("\n")[source.body_line - 1 + 2] == "Second."
    assert problems.items == []


def test_empty_front_matter_and_body(tmp_path, problems):
    source = load_markdown(write(tmp_path, "---\n---\n"), problems)
    assert source.meta == {} and source.body == "" and source.body_line == 3


def test_front_matter_delimiter_with_spaces(tmp_path, problems):
    source = load_markdown(write(tmp_path, "---  \ntitle: T\n---\t\nBody\n"), problems)
    assert source.meta == {"title": "T"} and source.body == "Body\n"


def test_horizontal_rule_in_body_is_kept(tmp_path, problems):
    source = load_markdown(write(tmp_path, "---\ntitle: T\n---\nA\n\n---\n\nB\n"), problems)
    assert source.body == "A\n\n---\n\nB\n"


@pytest.mark.parametrize("text, expected", [
    ("title: T\n---\nbody\n", "x.en.md:1: error: missing front matter"),
    ("---\ntitle: T\nbody\n", "x.en.md:1: error: front matter is not closed"),
    ("---\n- a\n- b\n---\nbody\n", "x.en.md:2: error: front matter must be a set of 'key: value' fields"),
    ("---\ntitle: T\n  order: 3\n---\nbody\n", "x.en.md:3: error: invalid YAML: mapping values are not allowed"),
    ('---\norder: 3\ntitle: "T\n---\nbody\n', "x.en.md:3: error: invalid YAML: a quote is not closed"),
    ("---\ntitle: T\ntitle: U\n---\n", "x.en.md:3: error: duplicate key 'title'"),
])
def test_problems_point_at_the_file_line(tmp_path, problems, text, expected):
    assert load_markdown(write(tmp_path, text), problems) is None
    first = problems.errors[0].format().split("\n")[0]
    assert first.startswith(expected), first
