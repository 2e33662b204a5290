"""bib/database.py's cached parse (pybtex's BibliographyData written to the build cache as JSON and built
back from it) is a second copy of what pybtex's parser makes: the data built back, in the cold build and
in the warm one, is the parser's own, entry for entry, field for field and name part for name part, on
the sites' bibliographies, a synthetic one and generated BibTeX (macros, concatenation, braces, von and
Jr parts, CJK names, every entry type)."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st
from pybtex.database import Person
from pybtex.database.input.bibtex import Parser

from neurips_report.bib.bibliography import Bibliography
from neurips_report.bib.database import NAME_PARTS, _parse, _plain, load_bib
from neurips_report.core import cache
from neurips_report.model.problems import Problems

from conftest import synthetic_bibtex

ROOT = Path(__file__).resolve().parents[2]


def snapshot(data) -> list:
    """Everything formatting, labels, sorting and the pages read of the parsed data."""
    return [(key, type(entry).__name__, entry.key, entry.type, entry.original_type, type(entry.fields).__name__,
             list(entry.fields.items()), sorted(vars(entry)),
             [(role, [(sorted(vars(person)), [getattr(person, part) for part in NAME_PARTS]) for person in people])
              for role, people in entry.persons.items()])
            for key, entry in data.entries.items()]


def direct(text: str):
    return Parser(encoding="UTF-8", wanted_entries=None).parse_string(text)


def round_trips(text: str, folder: Path) -> None:
    """The parser's data == the cold build's == the warm build's (which comes from the cache)."""
    expected = snapshot(direct(text))
    store = cache.Store(folder / "bib.json")
    cold = _parse(text, store)
    store.save()
    store = cache.Store(folder / "bib.json")
    warm = _parse(text, store)
    assert snapshot(cold) == expected
    assert snapshot(warm) == expected
    if _plain(direct(text)):
        assert store.hits >= 1 and store.misses == 0       # all of it from the cache


def test_an_edited_entry_alone_is_parsed_again(tmp_path):
    """Entries are cached one by one: after an edit, the others come from the cache."""
    text = synthetic_bibtex(30)
    store = cache.Store(tmp_path / "bib.json")
    _parse(text, store)
    store.save()
    start = text.index("title     = {", len(text) // 2)
    edited = text[:start] + "title     = {Revisited: " + text[start + len("title     = {"):]
    store = cache.Store(tmp_path / "bib.json")
    assert snapshot(_parse(edited, store)) == snapshot(direct(edited))
    assert store.misses == 1 and store.hits == len(direct(text).entries) - 1


def test_pybtex_keeps_no_other_state_in_names_and_entries():
    """What _to_json writes is all a parsed Person and Entry hold (with another pybtex, this fails)."""
    assert sorted(vars(Person("van der Berg, Jr., Pieter"))) == sorted(NAME_PARTS)
    entry = direct("@Article{Key, title={T}, author={A, B}}").entries["Key"]
    assert sorted(vars(entry)) == ["fields", "key", "original_type", "persons", "type"]


def _bibs():
    return [ROOT / "content" / "references.bib", *sorted((ROOT / "tests" / "sites").glob("*/content/references.bib"))]


@pytest.mark.parametrize("path", _bibs(), ids=lambda path: "real" if path.parents[1] == ROOT else path.parts[-3])
def test_sites_bibliographies_round_trip(path, tmp_path):
    text = path.read_text(encoding="utf-8")
    round_trips(text, tmp_path)
    store = cache.Store(tmp_path / "load.json")
    plain = Bibliography(load_bib(path, Problems(path.parent)))
    cached = Bibliography(load_bib(path, Problems(path.parent), store))
    for lang in ("en", "zh"):
        assert plain.formatted(lang) == cached.formatted(lang)
        assert plain.labels == cached.labels and plain.order == cached.order


def test_synthetic_bibliography_round_trips(tmp_path):
    round_trips(synthetic_bibtex(300), tmp_path)


def test_not_plain_data_is_not_cached(tmp_path):
    for text in ('@preamble{"\\newcommand{\\x}{}"}\n@misc{a, title={T}, author={A, B}}',
                 "@misc{a, title={T}, author={A, B}, crossref={b}}\n@misc{b, title={U}, author={C, D}}"):
        round_trips(text, tmp_path / str(len(text)))


# -- generated BibTeX ----------------------------------------------------------------------------------

TYPES = ["article", "book", "booklet", "conference", "inbook", "incollection", "inproceedings", "manual",
         "mastersthesis", "misc", "phdthesis", "proceedings", "techreport", "unpublished", "online",
         "InProceedings", "ARTICLE"]
CHARS = "abcXYZ éüßø王李明한ア0129.,:;'\"<>&!?()-/~`$\\%"
WORD = st.text(alphabet="abcXYZéøŁ王李明-.'", min_size=1, max_size=8)
BRACED = st.recursive(st.text(alphabet=CHARS, max_size=8).map(lambda s: s.replace("\\", "\\\\")),
                      lambda inner: st.lists(inner, max_size=3).map(lambda xs: "{" + "".join(xs) + "}"),
                      max_leaves=6)


@st.composite
def name(draw) -> str:
    last = " ".join(draw(st.lists(st.one_of(WORD, st.just("{van Dyke}"), st.just("{World Health Org.}")),
                                  min_size=1, max_size=2)))
    first = " ".join(draw(st.lists(WORD, max_size=3)))
    von = draw(st.sampled_from(["", "van", "de la", "von der", "di"]))
    jr = draw(st.sampled_from(["", "Jr.", "III"]))
    last = f"{von} {last}".strip()
    if draw(st.booleans()) and not jr:
        return f"{first} {last}".strip()
    return ", ".join(part for part in (last, jr, first) if part) if jr else (f"{last}, {first}" if first else last)


@st.composite
def value(draw) -> str:
    kind = draw(st.sampled_from(["braced", "quoted", "number", "macro", "concat"]))
    if kind == "number":
        return str(draw(st.integers(0, 9999)))
    if kind == "macro":
        return draw(st.sampled_from(["jan", "feb", "dec", "venue"]))
    text = "{" + draw(BRACED).strip("{}") + "}"
    if kind == "quoted":
        return '"' + draw(BRACED).replace('"', "").strip("{}") + '"'
    if kind == "concat":
        return f'venue # " " # {text}'
    return text


@st.composite
def bibtex(draw) -> str:
    parts = ['@string{venue = "Proc. of {Things}"}\n'] if draw(st.booleans()) else []
    keys = draw(st.lists(st.from_regex(r"\A[a-z][a-z0-9:_-]{0,8}\Z"), min_size=1, max_size=4,
                         unique_by=str.casefold))
    for key in keys:
        fields = [f"  {field} = {draw(value())}" for field in
                  draw(st.lists(st.sampled_from(["title", "booktitle", "journal", "year", "pages", "note",
                                                 "publisher", "url", "howpublished", "Volume"]),
                                max_size=6, unique=True))]
        for role in draw(st.lists(st.sampled_from(["author", "editor"]), max_size=2, unique=True)):
            fields.append(f"  {role} = {{{' and '.join(draw(st.lists(name(), min_size=1, max_size=4)))}}}")
        parts.append(f"@{draw(st.sampled_from(TYPES))}{{{key},\n" + ",\n".join(fields) + "\n}\n")
    return "\n".join(parts)


EXAMPLES = int(os.environ.get("CACHED_PARSE_EXAMPLES", "80"))


@settings(max_examples=EXAMPLES, deadline=None, derandomize="CACHED_PARSE_EXAMPLES" not in os.environ,
          database=None, suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture,
                                                HealthCheck.filter_too_much])
@given(text=bibtex())
def test_generated_bibtex_round_trips(tmp_path_factory, text):
    try:
        direct(text)
    except Exception:
        assume(False)                 # pybtex refuses it: load_bib reports it, nothing is cached
    round_trips(text, tmp_path_factory.mktemp("bib"))
