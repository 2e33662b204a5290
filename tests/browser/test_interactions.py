"""Clicking works: language switch, table of contents, citations, search; dark-mode contrast."""

from __future__ import annotations

from urllib.parse import unquote, urlsplit

import pytest

from gates import axe_violations

pytestmark = pytest.mark.browser

LANGS = ("zh", "en")


def _path(url: str) -> str:
    return urlsplit(url).path


def _goto(tab, site_url, path):
    response = tab.goto(site_url + path, wait_until="load")
    assert response and response.status == 200, path


@pytest.mark.parametrize("path", ["/zh/", "/en/papers/neuron-alignment-mode-connectivity/",
                                  "/zh/bibliography/", "/en/acceptance/", "/zh/tracks/", "/en/talks/"])
def test_language_switch_goes_to_the_same_page(tab, site_url, path):
    _goto(tab, site_url, path)
    lang, rest = path[1:3], path[3:]
    other = next(code for code in LANGS if code != lang)
    link = tab.locator(f'.lang-switch a[hreflang="{other}"]')
    with tab.expect_navigation():
        link.click()
    assert _path(tab.url) == f"/{other}{rest}"
    assert tab.evaluate("document.documentElement.lang") == other
    assert tab.watch.reset() == []


def _toc_pages(built_site) -> list[str]:
    pages = []
    for lang in LANGS:
        for file in sorted((built_site / lang).rglob("index.html")):
            if 'class="toc"' in file.read_text(encoding="utf-8"):
                pages.append("/" + file.parent.relative_to(built_site).as_posix() + "/")
    return pages


TARGET_JS = """id => {
  const el = document.getElementById(id);
  if (!el) return null;
  const r = el.getBoundingClientRect(), root = document.scrollingElement;
  return {top: r.top, bottom: r.bottom, innerHeight: window.innerHeight,
          atBottom: Math.ceil(root.scrollTop + root.clientHeight) >= root.scrollHeight - 1,
          isTarget: el.matches(':target')};
}"""


def test_table_of_contents_links_scroll_to_their_heading(tab, site_url, built_site):
    pages = _toc_pages(built_site)
    assert len(pages) >= 4, pages
    checked, wrong = 0, []
    for path in pages:
        _goto(tab, site_url, path)
        hrefs = tab.eval_on_selector_all(".toc a[href^='#']", "links => links.map(a => a.getAttribute('href'))")
        assert hrefs, path
        for href in hrefs:
            tab.evaluate("window.scrollTo(0, 0)")
            tab.locator(f".toc a[href='{href}']").first.click()
            target_id = unquote(href[1:])
            tab.wait_for_function("id => decodeURIComponent(location.hash.slice(1)) === id", arg=target_id)
            box = tab.evaluate(TARGET_JS, target_id)
            checked += 1
            if box is None:
                wrong.append(f"{path}{href}: no element with that id")
            elif not box["isTarget"]:
                wrong.append(f"{path}{href}: not the :target")
            elif not (-1 <= box["top"] < box["innerHeight"]) or (box["top"] > 80 and not box["atBottom"]):
                wrong.append(f"{path}{href}: heading at {box['top']:.0f}px, not scrolled to")
    assert wrong == [], "\n".join(wrong)
    assert checked >= 10
    assert tab.watch.reset() == []


@pytest.mark.parametrize("path", ["/en/best-papers/", "/zh/highlights/",
                                  "/en/papers/neuron-alignment-mode-connectivity/", "/zh/posters/"])
def test_citation_link_lands_on_the_bibliography_entry(tab, site_url, path):
    _goto(tab, site_url, path)
    cite = tab.locator("a.cite").first
    href = cite.get_attribute("href")
    with tab.expect_navigation():
        cite.click()
    lang = path[1:3]
    assert _path(tab.url) == f"/{lang}/bibliography/"
    target = tab.evaluate("""() => { const t = document.querySelector(':target');
        if (!t) return null;
        const r = t.getBoundingClientRect();
        return {id: t.id, cls: t.className, top: r.top, text: t.textContent.trim().slice(0, 80)}; }""")
    assert target is not None, f"{href}: no :target element"
    assert target["id"] == unquote(href.split("#", 1)[1])
    assert "reference" in target["cls"].split()
    assert target["text"]
    assert -2 <= target["top"] < 800
    assert tab.watch.reset() == []


SEARCHES = [("zh", "强化学习", "/zh/papers/"), ("en", "reinforcement learning", "/en/papers/"),
            ("zh", "神经网络", "/zh/"), ("en", "adversarial", "/en/")]


@pytest.mark.parametrize("lang,term,prefix", SEARCHES)
def test_search_box_finds_the_term(tab, site_url, built_site, lang, term, prefix):
    if not (built_site / "pagefind").is_dir():
        pytest.skip("the generator does not build a search index (no neurips_report.engine.search): nothing to search")
    _goto(tab, site_url, f"/{lang}/")
    tab.fill("#search-q", term)
    with tab.expect_navigation():
        tab.press("#search-q", "Enter")
    assert _path(tab.url) == f"/{lang}/search/"
    results = tab.locator("#search-results ol li a")
    results.first.wait_for(state="attached", timeout=15_000)
    hrefs = [_path(h) for h in results.evaluate_all("links => links.map(a => a.href)")]
    assert hrefs and all(h.startswith(f"/{lang}/") for h in hrefs), hrefs
    assert any(h.startswith(prefix) for h in hrefs), hrefs
    excerpts = tab.locator("#search-results mark").all_text_contents()
    assert excerpts, "no highlighted term in the excerpts"
    assert tab.input_value("#search-page-q") == term
    with tab.expect_navigation():
        results.first.click()
    assert _path(tab.url) == hrefs[0]
    assert tab.watch.reset() == []


DARK_PAGES = ["/", "/zh/", "/en/papers/neuron-alignment-mode-connectivity/", "/zh/bibliography/",
              "/en/acceptance/", "/zh/tracks/", "/en/corrections/", "/zh/search/", "/404.html"]


def test_dark_mode_has_enough_contrast(tab, site_url):
    """The light theme is checked on every page by the crawl; the dark one on one page of each kind."""
    tab.emulate_media(color_scheme="dark")
    problems = []
    for path in DARK_PAGES:
        _goto(tab, site_url, path)
        assert tab.evaluate("matchMedia('(prefers-color-scheme: dark)').matches")
        problems += [f"{path}: {p}" for p in axe_violations(tab, rules=["color-contrast", "link-in-text-block"])]
    assert problems == [], "\n".join(problems)
    assert tab.watch.reset() == []
