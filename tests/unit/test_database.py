"""bib/database: references.bib parsed with pybtex, each entry's line kept for messages."""

from __future__ import annotations

import pytest

from neurips_report.bib.database import load_bib
from neurips_report.model.problems import Problems

GOOD = """% a comment line
@inproceedings{doe2031tiny,
  title     = {A Tiny Model},
  author    = {Doe, Jane and Smith, John},
  booktitle = {Proceedings of the Tiny Workshop},
  year      = {2031}
}

@book{roe2030small,
  title     = {Small Models},
  author    = {Roe, Richard},
  publisher = {Example Press},
  year      = {2030}
}
"""


def load(tmp_path, text):
    path = tmp_path / "references.bib"
    path.write_text(text, encoding="utf-8")
    problems = Problems(tmp_path)
    return load_bib(path, problems), [p.format() for p in problems.errors]


def test_entries_lines_and_sources(tmp_path):
    source, errors = load(tmp_path, GOOD)
    assert errors == []
    assert list(source.data.entries) == ["doe2031tiny", "roe2030small"]
    assert source.lines == {"doe2031tiny": 2, "roe2030small": 9}
    assert source.sources["roe2030small"].startswith("@book{roe2030small,") and source.sources["roe2030small"].endswith("}")
    assert "Doe, Jane" in source.sources["doe2031tiny"] and "roe2030small" not in source.sources["doe2031tiny"]


def test_missing_file_is_an_empty_bibliography(tmp_path):
    source = load_bib(tmp_path / "references.bib", Problems(tmp_path))
    assert len(source.data.entries) == 0


def test_non_ascii_names_parsed(tmp_path):
    source, errors = load(tmp_path, "@misc{x, title={T}, year={2031}, author={Nguyễn, Thị Hoa and Łukasz Kowalczyk}}\n")
    assert errors == []
    persons = source.data.entries["x"].persons["author"]
    assert [p.last_names for p in persons] == [["Nguyễn"], ["Kowalczyk"]]


def test_duplicate_key_reported_at_second_entry(tmp_path):
    text = GOOD + "\n@misc{Doe2031Tiny,\n  title = {Again},\n  author = {Doe, Jane},\n  year = {2031}\n}\n"
    source, errors = load(tmp_path, text)
    assert errors == ["references.bib:16: error: duplicate bibliography key 'Doe2031Tiny'\n"
                      "    hint: 'doe2031tiny' is already defined on line 2"]
    assert list(source.data.entries) == ["doe2031tiny", "roe2030small"]   # the rest still parses


@pytest.mark.parametrize("old, new, expected", [
    ("  year      = {2030}\n", "", "references.bib:9: error: entry 'roe2030small' has no year\n    hint: add year = {...} to 'roe2030small'"),
    ("  title     = {Small Models},\n", "", "references.bib:9: error: entry 'roe2030small' has no title\n    hint: add title = {...} to 'roe2030small'"),
    ("  author    = {Roe, Richard},\n", "", "references.bib:9: error: entry 'roe2030small' has no author\n"
                                             "    hint: add author = {Last, First and ...} to 'roe2030small'"),
    ("{2030}", "{circa 2030}", "references.bib:9: error: entry 'roe2030small' has year 'circa 2030'\n    hint: write a four-digit year"),
])
def test_required_fields(tmp_path, old, new, expected):
    assert old in GOOD
    _, errors = load(tmp_path, GOOD.replace(old, new))
    assert errors == [expected]


def test_malformed_bibtex(tmp_path):
    source, errors = load(tmp_path, GOOD.replace("  year      = {2031}\n}", "  year      = {2031\n}"))
    assert len(errors) == 1 and errors[0].startswith("references.bib:2: ") and "malformed BibTeX" in errors[0]
    assert list(source.data.entries) == ["roe2030small"]       # the broken entry is left out, the others are read
