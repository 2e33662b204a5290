"""Where every page lives: one place decides every URL and output path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

# Top-level page names under /<lang>/; sections may not take these slugs.
PAGES = ("tracks", "papers", "talks", "bibliography", "statistics", "corrections", "translations", "search")
ENTRY_DIRS = {"sections": "", "tracks": "tracks/", "papers": "papers/", "talks": "talks/"}


def anchor_id(key: str) -> str:
    return "ref-" + re.sub(r"[^A-Za-z0-9_-]", "-", key)


class Urls:
    """Site-relative paths ('en/papers/x/') and the public URLs built from them."""

    def __init__(self, base_url: str):
        self.base_url = base_url if base_url.endswith("/") else base_url + "/"
        self.base_path = urlsplit(self.base_url).path or "/"

    # relative paths (no leading slash); output file = path + index.html when it ends in '/'
    @staticmethod
    def home(lang: str) -> str:
        return f"{lang}/"

    @staticmethod
    def entry(kind: str, slug: str, lang: str) -> str:
        return f"{lang}/{ENTRY_DIRS[kind]}{slug}/"

    @staticmethod
    def page(name: str, lang: str) -> str:
        return f"{lang}/" if name == "home" else f"{lang}/{name}/"

    @staticmethod
    def papers_of_type(kind: str, lang: str) -> str:
        return f"{lang}/papers/{kind}/"

    def bib_entry(self, key: str, lang: str) -> str:
        return f"{self.page('bibliography', lang)}#{anchor_id(key)}"

    # what goes into HTML
    def href(self, rel: str) -> str:
        return self.base_path + rel

    def absolute(self, rel: str) -> str:
        return self.base_url + rel

    @staticmethod
    def output_file(rel: str) -> str:
        return rel + "index.html" if rel.endswith("/") or rel == "" else rel
