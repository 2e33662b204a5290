"""The bibliography agrees with the reference data: every NeurIPS 2020 entry has the official title,
authors (order, spelling, diacritics as the accepted-papers list gives them; proper capitals where
the list has none) and DBLP key, the proceedings page range where one is known, and every author
name comes out well-formed in both reference styles (en: APA-like, zh: GB/T 7714-like)."""

from __future__ import annotations

import html
import json
import re
import unicodedata
from pathlib import Path

import pytest
from pybtex.database import parse_file

from neurips_report.bib.fast_format import format_html
from neurips_report.bib.names import ApaNameStyle, GbtNameStyle
from neurips_report.bib.styles import style_for

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "content" / "data"
BIB = parse_file(str(ROOT / "content" / "references.bib"))
OFFICIAL = json.loads((DATA / "accepted-papers.json").read_text(encoding="utf-8"))
BY_URL = {r["url"]: r for r in OFFICIAL}
PAGES = json.loads((DATA / "proceedings-pages.json").read_text(encoding="utf-8"))["pages"]


def neurips2020(entry) -> bool:
    f = entry.fields
    return ("/paper/2020/" in f.get("url", "") and "neurips" in f.get("url", "")
            or "Neural Information Processing Systems 33" in f.get("booktitle", "")
            or f.get("dblp", "").startswith("DBLP:conf/nips/"))


NEURIPS = sorted(key for key, entry in BIB.entries.items() if neurips2020(entry))


def plain(text: str) -> str:
    return unicodedata.normalize("NFC", text.replace("{", "").replace("}", ""))


def full_name(person) -> str:
    return plain(" ".join(person.first_names + person.middle_names + person.prelast_names + person.last_names))


def test_there_are_neurips_2020_entries():
    assert len(NEURIPS) >= 60


@pytest.mark.parametrize("key", NEURIPS)
def test_entry_is_an_accepted_paper(key):
    entry = BIB.entries[key]
    record = BY_URL.get(entry.fields.get("url"))
    assert record, f"{key}: url is not the proceedings page of an accepted paper"
    title = re.sub(r"\s+", " ", plain(entry.fields["title"]))
    assert title.casefold() == record["title"].casefold(), f"{key}: official title is '{record['title']}'"
    assert entry.fields.get("dblp") == record["dblp_key"], f"{key}: DBLP key is {record['dblp_key']}"
    assert entry.fields.get("year") == "2020"
    assert entry.fields.get("booktitle") == "Advances in Neural Information Processing Systems 33"


def _same_name(ours: str, official: str) -> bool:
    official = unicodedata.normalize("NFC", official)
    if official != official.lower():
        return ours == official                     # spelling, diacritics and capitals as listed
    # the list gives this name without capitals: same letters, each word capitalised
    return ours.casefold() == official.casefold() and all(w[0].isupper() for w in ours.split()
                                                             if w[0].isalpha() and w not in ("van", "von", "de", "der", "di", "da", "le", "la"))


@pytest.mark.parametrize("key", NEURIPS)
def test_authors_are_the_official_ones(key):
    entry = BIB.entries[key]
    record = BY_URL[entry.fields["url"]]
    ours = [full_name(p) for p in entry.persons.get("author", [])]
    assert len(ours) == len(record["authors"]), f"{key}: {len(ours)} authors, the official list has {len(record['authors'])}"
    for i, (a, b) in enumerate(zip(ours, record["authors"]), 1):
        assert _same_name(a, b), f"{key}: author {i} is '{a}', the official list has '{b}'"


@pytest.mark.parametrize("key", NEURIPS)
def test_pages_are_the_proceedings_ones(key):
    entry = BIB.entries[key]
    known = PAGES.get(key)
    if known is None:
        assert "pages" not in entry.fields, f"{key}: pages without a recorded source in proceedings-pages.json"
        pytest.skip("no page range found for this paper (see content/data/SOURCE.md)")
    assert entry.fields.get("pages") == known["pages"], f"{key}: the proceedings give pages {known['pages']}"


def test_page_records_are_well_formed():
    keys = set(NEURIPS)
    for key, rec in PAGES.items():
        assert key in keys, f"{key}: page record for an entry that is not a NeurIPS 2020 entry"
        first, last = map(int, rec["pages"].split("--"))
        assert 0 < first < last < 23000 and last - first < 40, f"{key}: implausible range {rec['pages']}"
        assert rec["source"], key
    # volume 33 is one numbering: no two papers share a page
    spans = sorted(tuple(map(int, r["pages"].split("--"))) for r in PAGES.values())
    for (a0, a1), (b0, b1) in zip(spans, spans[1:]):
        assert a1 < b0, f"page ranges {a0}--{a1} and {b0}--{b1} overlap"


# ---- every formatted name, both styles --------------------------------------------------------------
APA_INITIAL = r"[^\W\d_]\.(?:-[^\W\d_]\.)*"
APA_NAME = re.compile(rf"^\S.*, {APA_INITIAL}(?: {APA_INITIAL})*$")
GBT_INITIAL = r"[^\W\d_](?:-[^\W\d_])*"
GBT_NAME = re.compile(rf"^[^a-z]+ {GBT_INITIAL}(?: {GBT_INITIAL})*$")


APA, GBT = ApaNameStyle(), GbtNameStyle()


@pytest.mark.parametrize("key", sorted(BIB.entries))
def test_formatted_names_are_well_formed(key):
    for person in BIB.entries[key].persons.get("author", []):
        apa = APA.format(person).format().render_as("text")
        gbt = GBT.format(person).format().render_as("text")
        for text in (apa, gbt):
            assert not set(text) & set("(){}\\"), f"{key}: '{text}'"
        if any("\u3400" <= ch <= "\u9fff" for ch in gbt):
            continue                                  # Chinese names are written in full
        assert APA_NAME.match(apa), f"{key}: en name '{apa}'"
        assert GBT_NAME.match(gbt), f"{key}: zh name '{gbt}'"
        initials = re.findall(r"[^\W\d_](?=\.)", apa.rsplit(", ", 1)[1])
        assert all(ch.isupper() for ch in initials), f"{key}: lower-case initial in '{apa}'"
        surname = plain(person.last_names[-1])
        assert surname[:1].isupper(), f"{key}: surname '{surname}' has no capital"


@pytest.mark.parametrize("lang", ["en", "zh"])
def test_reference_list_shows_every_author(lang):
    """Each NeurIPS 2020 reference, formatted as the site does, names its authors in the style's form
    (every author in English; the first three, then 等, in Chinese)."""
    style = style_for(lang)
    name_style = ApaNameStyle() if lang == "en" else GbtNameStyle()
    shown = None if lang == "en" else 3               # GB/T: three authors, then 等
    for key in NEURIPS:
        entry = BIB.entries[key]
        text = format_html(style, "2020", entry)      # what the site shows, on its fast path
        text = html.unescape(re.sub(r"<[^>]+>", "", text)) if text is not None else \
            style.format_entry("2020", entry).text.render_as("text")
        text = text.replace("\xa0", " ")
        persons = entry.persons["author"]
        for person in persons[:shown]:
            name = name_style.format(person).format().render_as("text").replace("\xa0", " ")
            assert name in text, f"{key} ({lang}): '{name}' missing from '{text[:200]}…'"
        if shown and len(persons) > shown:
            assert "等" in text, f"{key} ({lang}): more than {shown} authors but no 等"
