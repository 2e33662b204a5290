"""A reader downloads the report as a PDF (issue 25): on the home page of each language, in Chromium at
390 and 1280 px, the link is there; clicking it downloads the language's edition, which opens on its
cover and has the whole report (contents, every chapter as a bookmark, the bibliography). The footer
of every page links it too. Screenshots go to $READER_SHOTS (default: the test's temp folder)."""

from __future__ import annotations

import os
from pathlib import Path

import pypdf
import pytest

from conftest import pdf_build
from gates import PageWatch, block_external, serve

pytestmark = pytest.mark.browser

LINK = {"zh": "下载完整报告（PDF）", "en": "The whole report as a PDF"}
BIBLIOGRAPHY = {"zh": "参考文献", "en": "Bibliography"}


@pytest.fixture(scope="module")
def pdf_site():
    with serve(pdf_build("real") / "out") as url:
        yield url


@pytest.mark.parametrize("width", [390, 1280])
@pytest.mark.parametrize("lang", ["zh", "en"])
def test_download_the_report_from_the_home_page(chromium, pdf_site, tmp_path, lang, width):
    shots = Path(os.environ.get("READER_SHOTS") or tmp_path)
    shots.mkdir(parents=True, exist_ok=True)
    context = chromium.new_context(viewport={"width": width, "height": 800}, accept_downloads=True)
    block_external(context, pdf_site)
    page = context.new_page()
    watch = PageWatch(page, pdf_site)
    try:
        page.goto(f"{pdf_site}/{lang}/")
        link = page.get_by_role("link", name=LINK[lang])
        link.scroll_into_view_if_needed()
        page.screenshot(path=str(shots / f"pdf-link-{lang}-{width}.png"))
        assert link.is_visible()
        assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
        with page.expect_download() as info:
            link.click()
        saved = tmp_path / info.value.suggested_filename
        info.value.save_as(saved)
        assert saved.name.endswith(f"-report-{lang}.pdf")
        reader = pypdf.PdfReader(saved)
        titles = [item.title for item in reader.outline if not isinstance(item, list)]
        assert titles[-1] == BIBLIOGRAPHY[lang] and len(titles) >= 10
        assert reader.trailer["/Root"]["/Lang"] == lang and len(reader.pages) > 60

        page.goto(f"{pdf_site}/{lang}/papers/fromp/")               # any page's footer links it too
        footer = page.locator("footer a[type='application/pdf']")
        assert footer.count() == 1
        with page.expect_download() as again:
            footer.click()
        assert again.value.suggested_filename == saved.name
        assert watch.reset() == []
    finally:
        context.close()
