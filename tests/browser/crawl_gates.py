"""Every page of the real site, in both languages, in Chromium: the gates, shared by the two crawl
modules (test_pages_zh.py, test_pages_en.py), which each crawl one language's pages so that two test
workers share the work.

A crawl visits each page once (axe at 1280 px, the overflow check at 390 px and 1280 px) and
records what it sees; each test below asserts one gate over the whole record. A page is loaded at
the width the previous one ended with and checked at the other width after one resize (every page is
checked at every width; axe runs once per page, always at the desktop width).

axe's colour-contrast rule, a third of axe's time, depends only on the stylesheet and on where text
sits in the page's structure (content is sanitised: no style attributes or classes of its own). So
it runs on a page only when the page has text in a place no earlier page of the crawl had: a path of
tags and classes from <body> to the text's element. Every other axe rule runs on every page.
"""

from __future__ import annotations

import time

import pytest

from gates import AXE_JS, HEIGHT, WIDTHS, PageWatch, axe_violations, html_files, local_context, overflow, url_path


PAGE_FACTS_JS = """() => ({
  lang: document.documentElement.lang,
  switch: [...document.querySelectorAll('.lang-switch a[hreflang]')].map(a => [a.hreflang, new URL(a.href).pathname]),
  toc: document.querySelectorAll('.toc a[href^="#"]').length,
  cites: document.querySelectorAll('a.cite').length,
})"""


# each text-holding element's path from <body>: tags and classes, no ids (which differ per page)
TEXT_PLACES_JS = """() => {
  const places = new Set();
  const step = el => el.tagName.toLowerCase() + (typeof el.className === 'string' && el.className.trim()
    ? '.' + el.className.trim().split(/\\s+/).sort().join('.') : '');
  const walker = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  for (let node = walker.nextNode(); node; node = walker.nextNode()) {
    if (!node.textContent.trim()) continue;
    const path = [];
    for (let el = node.parentElement; el && el !== document.body; el = el.parentElement) path.push(step(el));
    places.add(path.reverse().join('>'));
  }
  return [...places];
}"""


def all_paths(built_site) -> list[str]:
    return [url_path(built_site, f) for f in html_files(built_site)]


def crawl_pages(paths, chromium, site_url) -> dict:
    """url path -> {'problems', 'axe', 'overflow': {width: [...]}, 'facts'} for these pages, visited in a
    context of their own (local_context: no request is intercepted, the HTTP cache works)."""
    context = local_context(chromium, viewport={"width": max(WIDTHS), "height": HEIGHT}, color_scheme="light")
    context.set_default_timeout(15_000)
    page = context.new_page()
    page.add_init_script(path=str(AXE_JS))      # parsed with each page; CSP does not apply
    watch = PageWatch(page, site_url)
    record = {}
    started = time.perf_counter()
    desktop = max(WIDTHS)
    widths = sorted(WIDTHS, reverse=True)            # the context opens at the desktop width
    text_places: set[str] = set()                    # where text sat on the pages checked for contrast
    for path in paths:
        response = page.goto(site_url + path, wait_until="load")
        entry = {"status": response.status if response else None, "overflow": {}}
        for width in widths:
            if page.viewport_size["width"] != width:
                page.set_viewport_size({"width": width, "height": HEIGHT})
            entry["overflow"][width] = overflow(page)
            if width == desktop:                     # axe once per page, at the desktop width
                places = set(page.evaluate(TEXT_PLACES_JS))
                entry["contrast_checked"] = not places <= text_places
                text_places |= places
                entry["axe"] = axe_violations(page, contrast=entry["contrast_checked"])
        entry["facts"] = page.evaluate(PAGE_FACTS_JS)
        entry["problems"] = watch.reset()
        record[path] = entry
        widths.reverse()                             # the next page starts at the width this one ended at
    context.close()
    print(f"\ncrawled {len(record)} pages in {time.perf_counter() - started:.1f}s")
    return record


def _report(record, key) -> list[str]:
    return [f"{path}: {problem}" for path, entry in record.items() for problem in entry[key]]


def test_crawl_covers_both_languages(crawl, built_site):
    paths = all_paths(built_site)
    zh = {p[3:] for p in paths if p.startswith("/zh/")}
    en = {p[3:] for p in paths if p.startswith("/en/")}
    assert len(zh) > 100 and zh == en
    assert len(crawl) > 100
    assert all(entry["status"] == 200 for entry in crawl.values())


def test_no_console_error_failed_or_external_request(crawl):
    problems = _report(crawl, "problems")
    assert problems == [], f"{len(problems)} problems:\n" + "\n".join(problems[:80])


def test_axe_finds_no_wcag_violation(crawl):
    assert sum(entry["contrast_checked"] for entry in crawl.values()) >= 10, "colour contrast checked on too few pages"
    problems = _report(crawl, "axe")
    assert problems == [], f"{len(problems)} axe violations:\n" + "\n".join(problems[:80])


@pytest.mark.parametrize("width", WIDTHS)
def test_nothing_overflows_horizontally(crawl, width):
    problems = [f"{path}: {p}" for path, entry in crawl.items() for p in entry["overflow"][width]]
    assert problems == [], f"{len(problems)} pages overflow at {width}px:\n" + "\n".join(problems[:80])


def test_html_lang_matches_the_path(crawl):
    wrong = [f"{path}: lang={e['facts']['lang']!r}" for path, e in crawl.items()
             if path[1:3] in ("zh", "en") and path[3] == "/" and e["facts"]["lang"] != path[1:3]]
    assert wrong == []


def test_language_switch_targets_the_same_page(crawl, built_site):
    """On every page the switch links to the same path in each other language (and that page exists)."""
    pages = set(all_paths(built_site))
    wrong = []
    for path, entry in crawl.items():
        if not (path.startswith(("/zh/", "/en/"))):
            continue
        lang, rest = path[1:3], path[3:]
        expected = sorted([code, f"/{code}{rest}"] for code in ("zh", "en") if code != lang)
        found = sorted(entry["facts"]["switch"])
        if found != expected:
            wrong.append(f"{path}: switch {found}, expected {expected}")
        for _, target in found:
            if target not in pages:
                wrong.append(f"{path}: switch target {target} is not a page")
    assert wrong == [], "\n".join(wrong[:50])
