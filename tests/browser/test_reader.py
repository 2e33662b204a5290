"""What readers do, at 390x844 and 1280x800, in both languages (issue 15).

Search typed character by character (no Enter) and a result opened; the language switched; a track,
a paper and the bibliography opened; a back-link followed; a missing URL hit. Every chart label
measured against its SVG. Every Chinese page checked for spaces between wide characters. The default
build previewed from the root of a static server and from its configured sub-path, every internal
link followed. Screenshots of each step go to $READER_SHOTS (default: the test's temp folder).
"""

from __future__ import annotations

import os
import re
import urllib.request
from html.parser import HTMLParser
from pathlib import Path
from urllib.error import HTTPError
from urllib.parse import unquote, urljoin, urlsplit

import pytest

from gates import ROOT, PageWatch, _QuietHandler, block_external, html_files, serve

from neurips_report.core.formatting import WIDE, close_wide_gaps  # noqa: F401 - WIDE documents the rule
from neurips_report.engine.pipeline import Options, build

pytestmark = pytest.mark.browser

VIEWPORTS = {"phone": (390, 844), "desktop": (1280, 800)}
LANGS = ("zh", "en")
QUERIES = {"zh": "对抗训练", "en": "transfer"}
SUB_PATH = "/neurips-report/"          # the path of content/site.yaml's base_url


# --------------------------------------------------------------------------- a static host

class _Host(_QuietHandler):
    """A static host like GitHub Pages: the site under `prefix`, 404.html for anything missing."""
    prefix = "/"

    def translate_path(self, path):
        path = urlsplit(path).path
        if not path.startswith(self.prefix):
            return str(Path(self.directory) / "__missing__")
        return super().translate_path("/" + path[len(self.prefix):])

    def send_head(self):
        target = Path(self.translate_path(self.path))
        if target.is_dir() and not (target / "index.html").is_file() or not target.exists():
            body = (Path(self.directory) / "404.html").read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            import io
            return io.BytesIO(body)
        return super().send_head()


def host(directory: Path, prefix: str = "/"):
    """The folder served under `prefix`, as a static host does (see _Host)."""
    return serve(directory, type("Host", (_Host,), {"prefix": prefix}))


@pytest.fixture(scope="module")
def default_build(tmp_path_factory) -> Path:
    """The real site as `neurips-report build` makes it: the configured base URL (a sub-path), with search."""
    out = tmp_path_factory.mktemp("default-build") / "public"
    build(Options(ROOT, out, search=True))
    return out


@pytest.fixture(scope="module")
def shots(tmp_path_factory) -> Path:
    folder = Path(os.environ.get("READER_SHOTS") or tmp_path_factory.mktemp("reader-shots"))
    folder.mkdir(parents=True, exist_ok=True)
    return folder


def _context(chromium, origin, viewport):
    width, height = VIEWPORTS[viewport]
    context = chromium.new_context(viewport={"width": width, "height": height}, color_scheme="light")
    context.set_default_timeout(15_000)
    block_external(context, origin)
    return context


# --------------------------------------------------------------------------- the reader's journey

@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("lang", LANGS)
def test_a_reader_goes_through_the_site(chromium, default_build, shots, viewport, lang):
    with host(default_build, SUB_PATH) as origin:
        context = _context(chromium, origin, viewport)
        tab = context.new_page()
        watch = PageWatch(tab, origin)
        step = iter(range(1, 100))

        def snap(name, missing=None):
            tab.screenshot(path=str(shots / f"{lang}-{viewport}-{next(step):02d}-{name}.png"))
            problems = watch.reset()
            if missing:      # the page itself answered 404, as it should; nothing else may fail
                problems = [p for p in problems if missing not in p and "status of 404" not in p]
            assert problems == [], f"{name}: {problems}"

        root = origin + SUB_PATH
        tab.goto(root + f"{lang}/")
        header = tab.locator(".site-header").bounding_box()
        if viewport == "phone":
            assert header["height"] <= 120, f"phone header is {header['height']:.0f} px tall"
        snap("home")

        # search as you type: no Enter
        box = tab.locator("#search-q")
        box.click()
        box.press_sequentially(QUERIES[lang], delay=90)
        first = tab.locator("#search-live .search-hits a").first
        first.wait_for(state="visible")
        assert "<mark>" in tab.inner_html("#search-live")
        assert "@inproceedings" not in tab.inner_text("#search-live")
        snap("search-as-you-type")
        target = first.get_attribute("href")
        with tab.expect_navigation():
            first.click()
        assert urlsplit(tab.url).path == urlsplit(urljoin(tab.url, target)).path
        assert urlsplit(tab.url).path.startswith(f"{SUB_PATH}{lang}/")
        snap("search-result")

        # the same page in the other language
        other = next(code for code in LANGS if code != lang)
        path = urlsplit(tab.url).path
        with tab.expect_navigation():
            tab.locator(f'.lang-switch a[hreflang="{other}"]').click()
        assert urlsplit(tab.url).path == path.replace(f"/{lang}/", f"/{other}/", 1)
        assert tab.evaluate("document.documentElement.lang") == other
        snap("language-switched")
        with tab.expect_navigation():
            tab.locator(f'.lang-switch a[hreflang="{lang}"]').click()

        # a track, one of its papers, back to the track by its breadcrumb
        _open_menu(tab, viewport)
        with tab.expect_navigation():
            tab.locator(".main-nav a").nth(1).click()
        assert urlsplit(tab.url).path == f"{SUB_PATH}{lang}/tracks/"
        snap("tracks")
        with tab.expect_navigation():
            tab.locator(".track-grid a").first.click()
        track_path = urlsplit(tab.url).path
        cards = tab.locator(".paper-card")
        assert cards.count() >= 1
        assert tab.locator(".paper-card .paper-summary").count() == 0      # excerpts, not whole summaries
        snap("track")
        with tab.expect_navigation():
            cards.first.locator(".paper-title a").click()
        assert "/papers/" in tab.url
        snap("paper")
        crumbs = tab.locator(".breadcrumbs a")
        with tab.expect_navigation():
            crumbs.nth(crumbs.count() - 1).click()
        assert urlsplit(tab.url).path == track_path
        snap("back-to-track")

        # the bibliography
        _open_menu(tab, viewport)
        with tab.expect_navigation():
            tab.locator(".main-nav a").last.click()
        assert urlsplit(tab.url).path == f"{SUB_PATH}{lang}/bibliography/"
        assert "@inproceedings" not in tab.inner_text(".bibliography").split("BibTeX")[0]
        snap("bibliography")

        # a missing URL: the 404 page has the header, the menu, search and both homes
        missing = root + f"{lang}/no/such/page/"
        response = tab.goto(missing)
        assert response.status == 404
        assert tab.locator(".site-header .search-form").count() == 1
        assert tab.locator(".main-nav a").count() >= 5
        homes = tab.eval_on_selector_all(".not-found a[hreflang]", "as => as.map(a => new URL(a.href).pathname)")
        assert sorted(homes) == sorted(f"{SUB_PATH}{code}/" for code in LANGS)
        snap("not-found", missing)
        with tab.expect_navigation():
            tab.locator(f'.not-found a[hreflang="{lang}"]').click()
        assert urlsplit(tab.url).path == f"{SUB_PATH}{lang}/"
        snap("home-again")
        context.close()


def _open_menu(tab, viewport):
    """On a phone the menu is folded behind its button (a checkbox: no JavaScript needed)."""
    if viewport == "phone":
        assert not tab.locator(".main-nav").is_visible()
        tab.locator(".menu-button").click()
        assert tab.locator(".main-nav").is_visible()


# --------------------------------------------------------------------------- charts

LABELS_JS = """() => [...document.querySelectorAll('svg.chart')].flatMap(svg => {
  const box = svg.getBoundingClientRect(), scale = box.width / svg.viewBox.baseVal.width;
  return [...svg.querySelectorAll('text')].map(t => {
    const r = t.getBoundingClientRect();
    return {text: t.textContent, size: parseFloat(getComputedStyle(t).fontSize) * scale,
            inside: r.left >= box.left - 0.5 && r.right <= box.right + 0.5 && r.top >= box.top - 0.5 && r.bottom <= box.bottom + 0.5};
  });
})"""


def _chart_pages(out: Path) -> list[str]:
    return ["/" + f.parent.relative_to(out).as_posix() + "/" for f in html_files(out)
            if 'class="chart"' in f.read_text(encoding="utf-8") and f.name == "index.html"]


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_every_chart_label_is_legible_and_inside_its_chart(chromium, built_site, site_url, viewport):
    pages = _chart_pages(built_site)
    assert len(pages) >= 4, pages
    context = _context(chromium, site_url, viewport)
    tab = context.new_page()
    watch = PageWatch(tab, site_url)
    small, outside, count = [], [], 0
    for path in pages:
        tab.goto(site_url + path)
        for label in tab.evaluate(LABELS_JS):
            count += 1
            if label["size"] < 10:
                small.append(f"{path}: '{label['text']}' at {label['size']:.1f} px")
            if not label["inside"]:
                outside.append(f"{path}: '{label['text']}' crosses its chart's edge")
    context.close()
    assert watch.reset() == []
    assert count >= 50
    assert small == [] and outside == [], "\n".join(small + outside)


# --------------------------------------------------------------------------- Chinese typography

class _Text(HTMLParser):
    """The text of a page as a reader sees it: inline elements joined, block boundaries (and attribute
    values) kept apart by a NUL, which no space rule matches across."""
    SKIP = {"pre", "code", "script", "style", "textarea"}
    INLINE = {"a", "span", "em", "strong", "cite", "mark", "abbr", "sup", "sub", "b", "i", "small", "time", "q", "math"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.depth, self.parts = 0, []

    def handle_starttag(self, tag, attrs):
        if tag in self.SKIP:
            self.depth += 1
        if tag not in self.INLINE:
            self.parts.append("\0")
        for name, value in attrs:
            if name in ("alt", "title", "aria-label", "content") and value:
                self.parts += ["\0", value, "\0"]

    def handle_endtag(self, tag):
        if tag in self.SKIP and self.depth:
            self.depth -= 1
        if tag not in self.INLINE:
            self.parts.append("\0")

    def handle_data(self, data):
        if not self.depth:
            self.parts.append(data)


SPACED = re.compile(rf"[{WIDE}]\s+[{WIDE}]")


def _spaced(html: str) -> list[str]:
    parser = _Text()
    parser.feed(html)
    text = re.sub(r"[ \t\r\n]+", " ", "".join(parser.parts))
    return [text[max(m.start() - 8, 0):m.end() + 8] for m in SPACED.finditer(text)]


def test_the_spacing_check_can_fail():
    assert _spaced("<p>官方列表中的 <a href=x>初始</a>署名</p>") and _spaced("<p>方向 （Lin 等）</p>")
    assert _spaced("<li>首页</li>\n<li>分组</li><pre>保留 空格</pre>") == []


def test_no_space_between_wide_characters_on_any_chinese_page(built_site):
    pages = [f for f in html_files(built_site) if f.relative_to(built_site).parts[0] == "zh"]
    assert len(pages) >= 50
    found = []
    for file in pages:
        found += [f"{file.relative_to(built_site)}: '{snippet}'" for snippet in _spaced(file.read_text(encoding="utf-8"))]
    assert found == [], f"{len(found)} spaces:\n" + "\n".join(found[:40])


# --------------------------------------------------------------------------- previews

class _Links(HTMLParser):
    def __init__(self):
        super().__init__()
        self.urls = []

    def handle_starttag(self, tag, attrs):
        for name, value in attrs:
            if value and (name in ("href", "src") or (tag == "form" and name == "action")):
                if tag == "link" and dict(attrs).get("rel") in ("canonical", "alternate"):
                    continue
                self.urls.append(value)


def _crawl(start: str, origin: str) -> tuple[int, list[str]]:
    """Follow every internal link from `start`; returns (pages fetched, broken links)."""
    seen, queue, broken, pages = set(), [start], [], 0
    while queue:
        url = queue.pop()
        if url in seen:
            continue
        seen.add(url)
        try:
            with urllib.request.urlopen(url) as response:
                body, kind = response.read(), response.headers.get("Content-Type", "")
        except HTTPError as exc:
            broken.append(f"{url}: HTTP {exc.code}")
            continue
        if "html" not in kind:
            continue
        pages += 1
        parser = _Links()
        parser.feed(body.decode("utf-8"))
        for link in parser.urls:
            target = urljoin(url, link).split("#")[0].split("?")[0]
            if not target.startswith(origin):
                if not re.match(r"https?://", link):
                    broken.append(f"{url}: {link} leaves the preview")
                continue
            if unquote(urlsplit(target).path).endswith(".bib"):
                continue
            if target not in seen:
                queue.append(target)
    return pages, broken


@pytest.mark.parametrize("prefix", ["/", SUB_PATH])
def test_the_default_build_previews_from_any_path(chromium, default_build, prefix):
    with host(default_build, prefix) as origin:
        pages, broken = _crawl(origin + prefix, origin)
        assert broken == [], "\n".join(broken[:30])
        assert pages >= len(html_files(default_build)) - 3      # all but 404.html and the editors' translation tables
        context = _context(chromium, origin, "desktop")
        tab = context.new_page()
        watch = PageWatch(tab, origin)
        for path in ("", "en/", "zh/papers/", "en/statistics/", "zh/search/?q=GAN"):
            tab.goto(origin + prefix + path)
            assert tab.evaluate("getComputedStyle(document.body).fontFamily").startswith("system-ui"), path
        tab.goto(origin + prefix + "en/")
        tab.locator("#search-q").press_sequentially("GAN", delay=60)
        tab.locator("#search-live .search-hits a").first.wait_for(state="visible")
        assert watch.reset() == []
        context.close()


def test_search_page_filters_results_by_type_and_track(chromium, built_site, site_url):
    context = _context(chromium, site_url, "desktop")
    tab = context.new_page()
    watch = PageWatch(tab, site_url)
    tab.goto(site_url + "/en/search/?q=learning")
    tab.locator("#search-results .search-hits a").first.wait_for(state="visible")
    before = tab.inner_text("#search-results > p")
    types = tab.locator("#search-filters select").first
    assert types.locator("option").count() >= 3            # All, and at least two presentation types
    types.select_option(index=1)
    tab.wait_for_function("t => document.querySelector('#search-results > p').textContent !== t", arg=before)
    after = tab.inner_text("#search-results > p")
    assert int(re.sub(r"\D", "", after)) < int(re.sub(r"\D", "", before)), (before, after)
    hrefs = tab.eval_on_selector_all("#search-results .search-hits a", "as => as.map(a => new URL(a.href).pathname)")
    assert hrefs and all("/en/papers/" in h for h in hrefs), hrefs
    assert watch.reset() == []
    context.close()
