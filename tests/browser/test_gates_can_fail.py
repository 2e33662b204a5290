"""Each browser gate reports a deliberately broken page (and passes a clean one).

The HTML-validity and link checkers are proven the same way in tests/test_html_valid.py and
tests/test_links.py.
"""

from __future__ import annotations

import pytest

from gates import HEIGHT, PageWatch, axe_violations, local_context, overflow, serve

pytestmark = pytest.mark.browser

HEAD = '<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{title}</title>' \
       '<meta name="viewport" content="width=device-width, initial-scale=1">' \
       '<link rel="icon" href="data:,"></head><body><main><h1>{title}</h1>'     # no /favicon.ico 404: an icon, as every page of the site has
PAGES = {
    "clean": "<p>Nothing wrong here.</p>",
    "overflow": '<div style="width: 2000px">too wide</div>',
    "content-overflow": '<p style="white-space: nowrap">' + "unbreakable-" * 200 + "</p>",
    "phone-overflow": '<table><tr><td style="min-width: 600px">wide cell</td></tr></table>',
    "axe": '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">'
           '<p style="color: #bbb; background: #fff">low contrast</p><a href="#"></a>',
    "external": '<img src="https://example.com/tracker.png" alt="tracker">',
    "console": "<script>console.error('deliberate'); undefinedFunction();</script>",
    "missing": '<link rel="stylesheet" href="/no-such.css"><img src="/no-such.png" alt="missing">',
}


@pytest.fixture(scope="module")
def broken_site(tmp_path_factory, chromium):
    root = tmp_path_factory.mktemp("broken-site")
    for name, body in PAGES.items():
        (root / f"{name}.html").write_text(HEAD.format(title=name) + body + "</main></body></html>", encoding="utf-8")
    with serve(root) as url:
        context = local_context(chromium, viewport={"width": 1280, "height": HEIGHT})     # as the crawl's
        page = context.new_page()
        watch = PageWatch(page, url)

        def visit(name: str):
            watch.reset()
            page.set_viewport_size({"width": 1280, "height": HEIGHT})
            page.goto(f"{url}/{name}.html", wait_until="load")
            return page, watch
        yield visit
        context.close()


def test_a_clean_page_passes_every_browser_gate(broken_site):
    page, watch = broken_site("clean")
    assert overflow(page) == [] and axe_violations(page) == []
    page.set_viewport_size({"width": 390, "height": HEIGHT})
    assert overflow(page) == []
    assert watch.reset() == []


def test_overflow_is_reported(broken_site):
    page, _ = broken_site("overflow")
    found = overflow(page)
    assert len(found) == 1 and "scrollWidth 2" in found[0] and "div (right 20" in found[0], found


def test_overflowing_content_is_reported(broken_site):
    page, _ = broken_site("content-overflow")
    found = overflow(page)
    assert len(found) == 1 and "at 1280px" in found[0] and "p (content to " in found[0], found


def test_overflow_at_the_phone_width_only_is_reported(broken_site):
    page, _ = broken_site("phone-overflow")
    assert overflow(page) == []
    page.set_viewport_size({"width": 390, "height": HEIGHT})
    found = overflow(page)
    assert len(found) == 1 and "at 390px" in found[0] and "table (right" in found[0], found


def test_axe_violations_are_reported(broken_site):
    page, _ = broken_site("axe")
    found = "\n".join(axe_violations(page))
    assert "axe image-alt" in found
    assert "axe color-contrast" in found
    assert "axe link-name" in found


def test_external_request_is_reported(broken_site):
    _, watch = broken_site("external")
    found = watch.reset()
    assert "external request: https://example.com/tracker.png" in found, found


def test_console_errors_and_exceptions_are_reported(broken_site):
    _, watch = broken_site("console")
    found = "\n".join(watch.reset())
    assert "console error: deliberate" in found
    assert "uncaught exception" in found and "undefinedFunction" in found


def test_missing_resources_are_reported(broken_site):
    _, watch = broken_site("missing")
    found = "\n".join(watch.reset())
    assert "HTTP 404" in found and "/no-such.css" in found and "/no-such.png" in found, found
