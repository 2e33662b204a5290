"""urls: every page's path and public URL decided in one place."""

from __future__ import annotations

import pytest

from neurips_report.urls import PAGES, Urls, anchor_id


def test_relative_paths():
    assert Urls.home("en") == "en/"
    assert Urls.entry("sections", "overview", "zh") == "zh/overview/"
    assert Urls.entry("papers", "tiny-model", "en") == "en/papers/tiny-model/"
    assert Urls.entry("tracks", "vision", "fr") == "fr/tracks/vision/"
    assert Urls.entry("talks", "keynote", "en") == "en/talks/keynote/"
    assert Urls.page("bibliography", "en") == "en/bibliography/"
    assert Urls.page("home", "zh") == "zh/"
    assert Urls.papers_of_type("oral", "en") == "en/papers/oral/"


@pytest.mark.parametrize("base, href, absolute", [
    ("https://example.org/report/", "/report/en/papers/x/", "https://example.org/report/en/papers/x/"),
    ("https://example.org/report", "/report/en/papers/x/", "https://example.org/report/en/papers/x/"),
    ("https://example.org", "/en/papers/x/", "https://example.org/en/papers/x/"),
    ("/", "/en/papers/x/", "/en/papers/x/"),
])
def test_href_and_absolute(base, href, absolute):
    urls = Urls(base)
    assert urls.href("en/papers/x/") == href
    assert urls.absolute("en/papers/x/") == absolute


def test_bibliography_anchor():
    urls = Urls("https://example.org/r/")
    assert urls.bib_entry("doe2031tiny", "en") == "en/bibliography/#ref-doe2031tiny"
    assert anchor_id("a:b/c.d") == "ref-a-b-c-d"


@pytest.mark.parametrize("rel, out", [
    ("", "index.html"), ("en/", "en/index.html"), ("en/papers/x/", "en/papers/x/index.html"),
    ("sitemap.xml", "sitemap.xml"), ("en/feed.xml", "en/feed.xml"), ("404.html", "404.html"),
])
def test_output_files(rel, out):
    assert Urls.output_file(rel) == out


def test_generated_page_names_are_reserved():
    assert {"tracks", "papers", "talks", "bibliography", "statistics", "corrections"} <= set(PAGES)
