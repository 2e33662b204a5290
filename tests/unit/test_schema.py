"""schema: the fields of each kind of entry and how a value is checked."""

from __future__ import annotations

import datetime as dt

import pytest

from neurips_report.model.schema import FIELDS, SLUG_RE, Field, check_value, unknown_field_hint


def spec(kind, name):
    return next(f for f in FIELDS[kind] if f.name == name)


def test_every_kind_requires_a_title_per_language():
    for kind, fields in FIELDS.items():
        title = next(f for f in fields if f.name == "title")
        assert title.required and not title.shared, kind


def test_language_neutral_paper_fields():
    shared = {f.name for f in FIELDS["papers"] if f.shared}
    assert shared == {"authors", "type", "track", "bib", "url", "award", "order"}


@pytest.mark.parametrize("kind, name, value", [
    ("papers", "title", "A Tiny Model"),
    ("papers", "authors", ["Émilie Dubois", "张伟"]),
    ("papers", "type", "spotlight"),
    ("papers", "track", "robot-learning-2"),
    ("papers", "url", "https://example.org/p?id=3#x"),
    ("papers", "order", 0),
    ("talks", "described", False),
    ("sections", "updated", dt.date(2031, 6, 2)),
    ("sections", "charts", ["history"]),
])
def test_good_values(kind, name, value):
    assert check_value(spec(kind, name), value) == ""


@pytest.mark.parametrize("kind, name, value, message", [
    ("papers", "title", "", "'title' must be a non-empty text, not ''"),
    ("papers", "title", None, "'title' must be a non-empty text, not an empty value"),
    ("papers", "title", 12, "'title' must be a non-empty text, not a int (12)"),
    ("papers", "authors", "Jane Doe", "'authors' must be a list of names, e.g. [A, B], not 'Jane Doe'"),
    ("papers", "authors", [], "'authors' must be a list of names, e.g. [A, B], not a list ([])"),
    ("papers", "authors", ["A", ""], "'authors' must be a list of names, e.g. [A, B], not a list (['A', ''])"),
    ("papers", "type", "keynote", "'type' must be one of oral, spotlight, poster, not 'keynote'"),
    ("papers", "track", "Robot Learning", "'track' must be a slug (lowercase letters, digits and '-'), not 'Robot Learning'"),
    ("papers", "url", "javascript:alert(1)", "'url' must be an http(s) URL, not 'javascript:alert(1)'"),
    ("papers", "url", "www.example.org", "'url' must be an http(s) URL, not 'www.example.org'"),
    ("papers", "order", True, "'order' must be a whole number, not a bool (True)"),
    ("papers", "order", 1.5, "'order' must be a whole number, not a float (1.5)"),
    ("papers", "order", -3, "'order' must not be negative"),
    ("talks", "described", "yes", "'described' must be true or false, not 'yes'"),
    ("sections", "updated", "2031-06-02", "'updated' must be a date written YYYY-MM-DD, not '2031-06-02'"),
])
def test_bad_values(kind, name, value, message):
    assert check_value(spec(kind, name), value) == message


def test_described_mapping_is_named_plainly():
    from neurips_report.load.yamlfile import Mapping
    message = check_value(Field("x", "str"), Mapping(a=1))
    assert message.startswith("'x' must be a non-empty text, not a mapping (")


@pytest.mark.parametrize("slug, ok", [
    ("a", True), ("tiny-model", True), ("01-track", True),
    ("Tiny", False), ("tiny--model", False), ("-tiny", False), ("tiny-", False), ("ti_ny", False), ("..", False),
])
def test_slug_pattern(slug, ok):
    assert bool(SLUG_RE.match(slug)) is ok


def test_unknown_field_hint():
    assert unknown_field_hint("papers", "autors") == "did you mean 'authors'?"
    assert unknown_field_hint("talks", "zzz") == "known fields: title, affiliation, speaker, order, described, url, updated"
