"""Browser fixtures: the real site served on 127.0.0.1, one Debian Chromium for the session."""

from __future__ import annotations

from pathlib import Path

import pytest

from gates import CHROMIUM, HEIGHT, PageWatch, block_external, launch_chromium, serve


@pytest.fixture(scope="session")
def site_url(built_site):
    """Base URL (no trailing slash) of the built site served by http.server in a thread."""
    with serve(built_site) as url:
        yield url


@pytest.fixture(scope="session")
def chromium():
    if not Path(CHROMIUM).is_file():
        pytest.fail(f"{CHROMIUM} not found: run scripts/install-test-deps.sh")
    from playwright.sync_api import sync_playwright
    with sync_playwright() as playwright:
        browser = launch_chromium(playwright)
        yield browser
        browser.close()


@pytest.fixture(scope="session")
def site_context(chromium, site_url):
    """One browser context for the session; requests leaving the local server are aborted."""
    context = chromium.new_context(viewport={"width": 1280, "height": HEIGHT}, color_scheme="light")
    context.set_default_timeout(15_000)
    block_external(context, site_url)
    yield context
    context.close()


@pytest.fixture
def tab(site_context, site_url):
    """A fresh page in the shared context, with its problems recorded in tab.watch."""
    page = site_context.new_page()
    page.watch = PageWatch(page, site_url)
    yield page
    page.close()
