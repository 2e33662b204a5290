"""load/yamlfile: YAML with the line of every key and item; duplicates, aliases and bad values refused."""

from __future__ import annotations

import datetime as dt

import pytest

from neurips_report.model.problems import Problems
from neurips_report.load.yamlfile import Mapping, Sequence, load_yaml, parse_yaml


@pytest.fixture
def problems(tmp_path):
    return Problems(tmp_path)


def parse(text, problems, tmp_path, first_line=1):
    return parse_yaml(text, tmp_path / "f.yaml", problems, first_line=first_line)


def formatted(problems):
    return [p.format() for p in problems.errors]


def test_lines_of_keys_and_items(problems, tmp_path):
    data = parse("title: x\nauthors:\n  - A\n  - B\nconf:\n  year: 2031\n  short: X\n", problems, tmp_path)
    assert isinstance(data, Mapping) and data.line == 1
    assert data.lines == {"title": 1, "authors": 2, "conf": 5}
    assert isinstance(data["authors"], Sequence) and data["authors"].lines == [3, 4]
    assert data["conf"].line == 6 and data["conf"].lines == {"year": 6, "short": 7}
    assert data["authors"] == ["A", "B"]
    assert problems.items == []


def test_flow_style_lines(problems, tmp_path):
    data = parse("a: 1\nparts:\n  - {key: x, count: 2}\n  - {key: y, count: 3}\n", problems, tmp_path)
    assert data["parts"].lines == [3, 4]
    assert data["parts"][1].line == 4 and data["parts"][1].lines == {"key": 4, "count": 4}


def test_first_line_offsets_every_line(problems, tmp_path):
    data = parse("title: x\norder: 3\n", problems, tmp_path, first_line=2)
    assert data.lines == {"title": 2, "order": 3}


def test_dates_and_scalars(problems, tmp_path):
    data = parse("start: 2031-06-02\nflag: true\nn: 3\nx: 1.5\ns: '2031-06-02'\n", problems, tmp_path)
    assert data == {"start": dt.date(2031, 6, 2), "flag": True, "n": 3, "x": 1.5, "s": "2031-06-02"}


def test_duplicate_key_refused_with_both_lines(problems, tmp_path):
    assert parse("title: a\norder: 1\ntitle: b\n", problems, tmp_path) is None
    assert formatted(problems) == ["f.yaml:3: error: duplicate key 'title'\n"
                                   "    hint: it is already set on line 1; keep one"]


def test_duplicate_nested_key_offset(problems, tmp_path):
    assert parse("conf:\n  year: 1\n  year: 2\n", problems, tmp_path, first_line=5) is None
    assert formatted(problems)[0].startswith("f.yaml:7: error: duplicate key 'year'")


@pytest.mark.parametrize("text, line", [
    ("base: &b [1, 2]\nother: *b\n", 2),
    ("z: 0\na: &x {k: 1}\nb:\n  c: *x\n", 4),
])
def test_aliases_refused(problems, tmp_path, text, line):
    """Reported at the alias (found by a pure-Python pass: the C loader gives only the anchored value's position)."""
    assert parse(text, problems, tmp_path) is None
    assert formatted(problems)[0].startswith(f"f.yaml:{line}: error: YAML aliases are not allowed in content")


def test_merge_keys_refused(problems, tmp_path):
    assert parse("a: {x: 1}\nb:\n  <<: {x: 1}\n  y: 2\n", problems, tmp_path) is None
    assert formatted(problems) == ["f.yaml:3: error: YAML merge keys ('<<') are not allowed in content"]


def test_billion_laughs_refused(problems, tmp_path):
    bomb = "a: &a [x, x]\nb: &b [*a, *a]\nc: &c [*b, *b]\n"
    assert parse(bomb, problems, tmp_path) is None
    assert "YAML aliases are not allowed" in formatted(problems)[0]


def test_python_tags_refused(problems, tmp_path):
    assert parse("x: !!python/object/apply:os.system ['true']\n", problems, tmp_path) is None
    assert formatted(problems)[0].startswith("f.yaml:1: error: invalid YAML:")


@pytest.mark.parametrize("text, message", [
    ("start: 2031-02-30\n", "invalid date '2031-02-30'"),
    ("a: 1\nwhen: [2031-13-01]\n", "invalid date '2031-13-01'"),
    ("n: !!int twelve\n", "invalid int value 'twelve'"),
])
def test_impossible_values_are_problems_not_crashes(problems, tmp_path, text, message):
    assert parse(text, problems, tmp_path) is None
    line = text.count("\n", 0, text.index(message.split("'")[1])) + 1
    assert formatted(problems)[0].startswith(f"f.yaml:{line}: error: {message}")


def test_syntax_error_has_line_and_hint(problems, tmp_path):
    assert parse("title: x\n\tbad: 1\n", problems, tmp_path) is None
    (problem,) = problems.errors
    assert problem.line == 2 and problem.message.startswith("invalid YAML")
    assert "tabs" in problem.hint


def test_non_scalar_key_refused(problems, tmp_path):
    assert parse("? [a, b]\n: 1\n", problems, tmp_path) is None
    assert formatted(problems)[0].startswith("f.yaml:1: error: a key must be a plain word")


def test_load_yaml_reads_files(problems, tmp_path):
    (tmp_path / "ok.yaml").write_text("a: 1\n", encoding="utf-8")
    assert load_yaml(tmp_path / "ok.yaml", problems) == {"a": 1}
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfa: 1\nb: [x\n")    # a BOM is dropped; lines stay right
    assert load_yaml(tmp_path / "bom.yaml", problems) is None
    (tmp_path / "bom-ok.yaml").write_bytes(b"\xef\xbb\xbfa: 1\r\nb: 2\r\n")
    data = load_yaml(tmp_path / "bom-ok.yaml", problems)
    assert data == {"a": 1, "b": 2} and data.lines == {"a": 1, "b": 2}
    (tmp_path / "empty.yaml").write_text("  \n", encoding="utf-8")
    assert load_yaml(tmp_path / "empty.yaml", problems) is None
    assert [p.format().split("\n")[0] for p in problems.errors] == [
        "bom.yaml:2: error: invalid YAML: a '[' is not closed",
        "empty.yaml:1: error: file is empty",
    ]


def test_crlf_line_endings(problems, tmp_path):
    (tmp_path / "crlf.yaml").write_bytes(b"a: 1\r\nb: two\r\n")
    data = load_yaml(tmp_path / "crlf.yaml", problems)
    assert data == {"a": 1, "b": "two"} and data.lines == {"a": 1, "b": 2}


@pytest.mark.parametrize("text, line", [
    ('title "Implicit Neural Representations"\nauthors: [A, B]\n', 2),     # front matter starts on line 2
    ("base_url 'https://example.org/'\nconference:\n  short: X\n", 2),    # then a nested mapping
    ("title: T\nconference:\n  short X\n  year: 2031\n", 4),               # a nested mapping's first key
    ("- id x\n  title: T\n", 2),                                            # a list item's first key
])
def test_a_first_key_without_its_colon_is_named(problems, tmp_path, text, line):
    assert parse(text, problems, tmp_path, first_line=2) is None
    assert formatted(problems) == [f"f.yaml:{line}: error: invalid YAML: a ':' is missing after the key\n"
                                   "    hint: write 'key: value', with a space after the ':'"]


def test_a_value_running_on_to_a_colon_is_not_a_missing_colon(problems, tmp_path):
    """A plain value over two lines that holds ': ' needs quotes; no key lacks its ':'."""
    assert parse("summary: a long text\n  that says: this\n", problems, tmp_path) is None
    assert formatted(problems) == ["f.yaml:2: error: invalid YAML: mapping values are not allowed in this context\n"
                                   "    hint: indentation is off, or a value containing ': ' needs quotes"]
