"""urls: every page's path and public URL decided in one place."""

from __future__ import annotations

import pytest

from neurips_report.model.urls import PAGES, Urls, anchor_id


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


@pytest.mark.parametrize("rel, expected", [
    ("", 'href="en/papers/x/"'), ("en/", 'href="../en/papers/x/"'), ("en/papers/y/", 'href="../../../en/papers/x/"'),
])
def test_internal_urls_become_relative_to_the_page(rel, expected):
    from neurips_report.model.urls import relative_urls
    html = ('<a href="/r/en/papers/x/"> <link rel="canonical" href="https://example.org/r/en/"> '
            '<a href="//cdn.example/x"> <html data-root="/r/">')
    out = relative_urls(html, "/r/", rel)
    assert expected in out
    assert 'href="https://example.org/r/en/"' in out and 'href="//cdn.example/x"' in out
    assert 'data-root="' + ("../" * rel.count("/") or "./") + '"' in out
    assert relative_urls(html, "/r/", None) == html          # the 404 page keeps root-based URLs


def test_relative_urls_with_the_root_as_base():
    from neurips_report.model.urls import relative_urls
    assert relative_urls('<a href="/en/#x">', "/", "en/papers/p/") == '<a href="../../../en/#x">'
    assert relative_urls('<a href="/en/#x">', "/", "") == '<a href="en/#x">'
    assert relative_urls('<a href="/#top">', "/", "") == '<a href="./#top">'
