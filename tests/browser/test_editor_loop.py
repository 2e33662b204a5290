"""The editor's loop in Chromium, as an editor does it: `serve` the real site, open a page, save
sources, and watch the open page follow by itself — under the pages' own Content-Security-Policy,
with every console message collected (a CSP violation or a JS error fails the test)."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import time

import pytest

from conftest import ROOT, copy_site
from gates import PageWatch, block_external
from serving import start_serve, stop

pytestmark = pytest.mark.browser

PAPER = "content/papers/glow-tts.en.md"
PAPER_URL = "/en/papers/glow-tts/"


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    """The real site's sources in a temp folder, laid out as the repository is (content/, templates/,
    static/), served by `serve` (port, root, log)."""
    tmp = tmp_path_factory.mktemp("editor")
    root = copy_site("real", tmp)
    for name in ("templates", "static"):
        shutil.copytree(ROOT / name, root / name)
    process, url = start_serve(root, tmp / "serve.log")
    try:
        yield url, root, tmp / "serve.log"
    finally:
        stop(process)


@pytest.fixture
def editor_tab(chromium, served):
    url, _, _ = served
    context = chromium.new_context(viewport={"width": 1280, "height": 800})
    context.set_default_timeout(20_000)
    block_external(context, url)
    page = context.new_page()
    page.watch = PageWatch(page, url)
    csp: list[str] = []
    page.on("console", lambda msg: csp.append(msg.text) if "Content Security Policy" in msg.text else None)
    page.csp = csp
    yield page
    context.close()


def _save(path, text: str) -> float:
    path.write_text(text, encoding="utf-8")
    return time.monotonic()


def _wait_for_text(page, text: str, timeout: float = 20) -> float:
    """Seconds until the open page (reloaded by itself) shows `text`."""
    page.wait_for_function("t => document.body && document.body.innerText.includes(t)", arg=text,
                           timeout=timeout * 1000)
    return time.monotonic()


def test_a_saved_paper_reloads_the_open_page(editor_tab, served):
    url, root, log = served
    page = editor_tab
    page.goto(url + PAPER_URL, wait_until="load")
    paper = root / PAPER
    original = paper.read_text(encoding="utf-8")
    try:
        saved = _save(paper, original + "\nFirst edit while the page is open.\n")
        shown = _wait_for_text(page, "First edit while the page is open.")
        print(f"save -> reloaded page: {(shown - saved) * 1000:.0f} ms")
        assert shown - saved < 5, "the page took too long to reload"
        # a second save a second later must show too (a reload client must not drop it)
        time.sleep(1.0)
        _save(paper, original + "\nFirst edit while the page is open.\n\nSecond edit, a second later.\n")
        _wait_for_text(page, "Second edit, a second later.")
    finally:
        paper.write_text(original, encoding="utf-8")
        _wait_for_text(page, "Glow")
    assert page.csp == [], page.csp
    assert page.watch.reset() == []


def test_two_quick_saves_while_reloading_both_land(editor_tab, served):
    """Saves 150 ms apart: the second lands while the page is still reloading after the first."""
    url, root, _ = served
    page = editor_tab
    page.goto(url + PAPER_URL, wait_until="load")
    paper = root / PAPER
    original = paper.read_text(encoding="utf-8")
    try:
        _save(paper, original + "\nQuick one.\n")
        time.sleep(0.15)
        _save(paper, original + "\nQuick one.\n\nQuick two.\n")
        _wait_for_text(page, "Quick two.")
    finally:
        paper.write_text(original, encoding="utf-8")
        page.wait_for_function("() => !document.body.innerText.includes('Quick two.')", timeout=20_000)
    assert page.csp == [] and page.watch.reset() == []


def test_a_broken_citation_shows_the_overlay_until_fixed(editor_tab, served):
    url, root, _ = served
    page = editor_tab
    page.goto(url + PAPER_URL, wait_until="load")
    paper = root / PAPER
    original = paper.read_text(encoding="utf-8")
    lines = original.splitlines()
    body_start = lines.index("---", 1) + 2            # the first body line after the front matter
    broken = lines[:body_start] + ["A claim [@no-such-key-2020]."] + lines[body_start:]
    try:
        paper.write_text("\n".join(broken) + "\n", encoding="utf-8")
        overlay = page.locator("#serve-errors")
        overlay.wait_for(state="visible", timeout=20_000)
        text = overlay.inner_text()
        assert re.search(rf"content/papers/glow-tts\.en\.md:{body_start + 1}: error: .*no-such-key-2020", text), text
        assert "hint:" in text
        page.screenshot(path=str(root.parent / "overlay.png"))
    finally:
        with page.expect_navigation(timeout=20_000):
            paper.write_text(original, encoding="utf-8")
    page.wait_for_load_state("load")
    time.sleep(0.5)
    assert page.locator("#serve-errors").count() == 0
    assert page.csp == [] and page.watch.reset() == []


def test_a_new_paper_appears_in_its_track_and_in_search(editor_tab, served):
    """As the editor's guide says: `new paper` with an accepted paper's title, its BibTeX entry, a text."""
    url, root, _ = served
    page = editor_tab
    track = _track_of(root / PAPER)
    page.goto(url + f"/en/tracks/{track}/", wait_until="load")
    bib = root / "content" / "references.bib"
    original_bib = bib.read_text(encoding="utf-8")
    created = []
    try:
        result = subprocess.run([sys.executable, str(ROOT / "build.py"), "new", "paper", "--site", str(root),
                                 "--slug", "zz-editor-scenario", "--track", track, "--bib", "chen2020group",
                                 "--title", "A Group-Theoretic Framework for Data Augmentation"],
                                capture_output=True, text=True)
        assert result.returncode == 0, result.stdout + result.stderr
        created = sorted((root / "content" / "papers").glob("zz-editor-scenario.*.md"))
        assert created
        bib.write_text(original_bib + NEW_ENTRY, encoding="utf-8")
        for path in created:
            text = path.read_text(encoding="utf-8").replace("TODO: write the", "Quokkas index well, in")
            path.write_text(text + "\nA framework that treats augmentation as averaging over a group [@chen2020group].\n",
                            encoding="utf-8")
        _wait_for_text(page, "A Group-Theoretic Framework for Data Augmentation", timeout=60)
        hits = _search(page, url, "Quokkas", "/en/papers/zz-editor-scenario/")
        assert "/en/papers/zz-editor-scenario/" in hits, hits
    finally:
        for path in created:
            path.unlink()
        bib.write_text(original_bib, encoding="utf-8")
    # the track page, still open, loses the paper by itself
    page.wait_for_function("() => !document.body.innerText.includes('Group-Theoretic Framework')", timeout=60_000)
    assert page.csp == [] and page.watch.reset() == []


NEW_ENTRY = """
@inproceedings{chen2020group,
  author = {Chen, Shuxiao and Dobriban, Edgar and Lee, Jane},
  title = {A Group-Theoretic Framework for Data Augmentation},
  booktitle = {Advances in Neural Information Processing Systems},
  volume = {33},
  year = {2020}
}
"""


def test_a_bibtex_edit_changes_the_citing_page(editor_tab, served):
    url, root, _ = served
    page = editor_tab
    paper = (root / PAPER).read_text(encoding="utf-8")
    key = re.search(r"^bib:\s*(\S+)", paper, re.M)[1].strip("'\"")
    bib = root / "content" / "references.bib"
    original = bib.read_text(encoding="utf-8")
    match = re.search(r"@\w+\{" + re.escape(key) + r",.*?\n\s*booktitle\s*=\s*\{([^}]*)\}", original, re.S)
    assert match, key
    page.goto(url + PAPER_URL, wait_until="load")
    try:
        bib.write_text(original[:match.start(1)] + "Proceedings of Renamed Things" + original[match.end(1):],
                       encoding="utf-8")
        _wait_for_text(page, "Proceedings of Renamed Things")
    finally:
        bib.write_text(original, encoding="utf-8")
        page.wait_for_function("() => !document.body.innerText.includes('Proceedings of Renamed Things')",
                               timeout=20_000)
    assert page.csp == [] and page.watch.reset() == []


def _edit_and_restore(page, path, old: str, new: str, edited: str, restored: str) -> None:
    """Save `path` with `old` replaced by `new`, wait until the open page meets the JS condition
    `edited`; then put the file back and wait for `restored`."""
    original = path.read_text(encoding="utf-8")
    assert old in original, (path, old)
    try:
        path.write_text(original.replace(old, new, 1), encoding="utf-8")
        page.wait_for_function(edited, timeout=20_000)
    finally:
        path.write_text(original, encoding="utf-8")
        page.wait_for_function(restored, timeout=20_000)


def test_a_stylesheet_edit_restyles_the_open_page(editor_tab, served):
    """static/style.css is saved: the open page reloads with the new stylesheet (a new hashed URL)."""
    url, root, _ = served
    page = editor_tab
    page.goto(url + PAPER_URL, wait_until="load")
    probe = "getComputedStyle(document.documentElement).getPropertyValue('--editor-check').trim()"
    assert page.evaluate(probe) == ""
    css = root / "static" / "style.css"
    text = css.read_text(encoding="utf-8")
    _edit_and_restore(page, css, text, text + "\n:root { --editor-check: 42; }\n",
                      f"() => {probe} === '42'", f"() => {probe} === ''")
    assert page.csp == [] and page.watch.reset() == []


def test_an_interface_string_edit_renames_the_menu_item(editor_tab, served):
    """content/i18n/en.yaml is saved: the open page's menu shows the new label, and so do other pages."""
    url, root, _ = served
    page = editor_tab
    page.goto(url + PAPER_URL, wait_until="load")
    menu = "() => [...document.querySelectorAll('nav a')].some(a => a.textContent.trim() === 'All the papers')"
    strings = root / "content" / "i18n" / "en.yaml"
    original = strings.read_text(encoding="utf-8")
    try:
        strings.write_text(original.replace("nav_papers: Papers\n", "nav_papers: All the papers\n", 1), encoding="utf-8")
        page.wait_for_function(menu, timeout=20_000)
        page.goto(url + "/en/talks/", wait_until="load")
        assert page.evaluate(menu)
    finally:
        strings.write_text(original, encoding="utf-8")
        page.wait_for_function(f"() => !({menu})()", timeout=20_000)
    assert page.csp == [] and page.watch.reset() == []


def test_a_partial_template_edit_shows_on_the_open_page(editor_tab, served):
    """templates/partials/credit.html (the footer's credit line) is saved: the open page shows it."""
    url, root, _ = served
    page = editor_tab
    page.goto(url + PAPER_URL, wait_until="load")
    _edit_and_restore(page, root / "templates" / "partials" / "credit.html", '<p class="credit">',
                      '<p class="credit">Edited partial. ',
                      "() => document.body.innerText.includes('Edited partial.')",
                      "() => !document.body.innerText.includes('Edited partial.')")
    assert page.csp == [] and page.watch.reset() == []


def test_unknown_urls_get_the_sites_404_page(editor_tab, served):
    url, _, _ = served
    page = editor_tab
    response = page.goto(url + "/en/no-such-page/", wait_until="load")
    assert response.status == 404
    assert "404" in page.content()
    page.watch.reset()                                 # the 404 itself is the point
    assert page.csp == []


def test_serve_leaves_public_alone(served):
    _, root, _ = served
    assert not (root / "public").exists()


def _track_of(paper) -> str:
    return re.search(r"^track:\s*(\S+)", paper.read_text(encoding="utf-8"), re.M)[1].strip("'\"")


def _search(page, url: str, term: str, wanted: str, timeout: float = 60) -> list[str]:
    """Result URLs of Pagefind's own JS API, asked in a fresh tab until `wanted` is among them (the
    index follows an edit in the background, and a query that lands while the new index replaces the
    old one may fail: it is asked again) or the time is up."""
    deadline = time.monotonic() + timeout
    hits: list[str] = []
    while time.monotonic() < deadline:
        probe = page.context.new_page()
        try:
            probe.goto(url + "/en/", wait_until="load")
            hits = probe.evaluate("""async term => {
                const pagefind = await import("/pagefind/pagefind.js");
                const search = await pagefind.search(term);
                const data = await Promise.all(search.results.map(r => r.data()));
                return data.map(d => d.url);
            }""", term)
        except Exception:  # noqa: BLE001 - the index was being replaced; ask again
            hits = []
        finally:
            probe.close()
        if wanted in hits:
            break
        time.sleep(0.5)
    return hits
