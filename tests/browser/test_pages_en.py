"""The page gates (crawl_gates.py) over the English pages."""

from __future__ import annotations

import pytest

from .crawl_gates import *  # noqa: F401,F403 - the gates, collected here
from .crawl_gates import all_paths, crawl_pages

pytestmark = pytest.mark.browser


@pytest.fixture(scope="module")
def crawl(built_site, chromium, site_url):
    return crawl_pages([path for path in all_paths(built_site) if path.startswith("/en/")], chromium, site_url)
