"""Where every page lives: one place decides every URL and output path."""

from __future__ import annotations

import re
from urllib.parse import urlsplit

from .kinds import BY_FOLDER

# Top-level page names under /<lang>/; sections may not take these slugs.
PAGES = ("tracks", "papers", "talks", "bibliography", "statistics", "corrections", "translations", "search")


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
        return f"{lang}/{BY_FOLDER[kind].url_dir}{slug}/"

    @staticmethod
    def page(name: str, lang: str) -> str:
        return f"{lang}/" if name == "home" else f"{lang}/{name}/"

    @staticmethod
    def papers_of_type(kind: str, lang: str) -> str:
        return f"{lang}/papers/{kind}/"

    @staticmethod
    def citation(slug: str, ext: str) -> str:
        """A paper's citation file: cite/<slug>.bib, .ris or .json (the same in every language)."""
        return f"cite/{slug}.{ext}"

    @staticmethod
    def pdf_edition(lang: str) -> str:
        """A language's PDF edition (build --pdf), beside its pages."""
        return f"{lang}/report.pdf"

    @staticmethod
    def bibliography_file(ext: str) -> str:
        """The whole bibliography as one file: references.bib, .ris or .json."""
        return f"references.{ext}"

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


# Attributes whose value is a URL the page links to or loads (data-* for scripts that read a URL).
_URL_ATTRS = r'(\s(?:href|src|action|poster|data-[a-z][a-z-]*)=")'
_PATTERNS: dict[str, re.Pattern] = {}


def relative_urls(html: str, base_path: str, page_rel: str | None) -> str:
    """Every internal URL of one page (written as base_path + rel by Urls.href) made relative to the
    page at `page_rel`, as MkDocs does: the same files then work from the root of any static server
    and from the configured sub-path. Absolute URLs (canonical, hreflang, OpenGraph, feeds, sitemap)
    start with a scheme and are left alone; so is every URL when page_rel is None (the 404 page,
    which a server shows at any depth)."""
    if page_rel is None:
        return html
    pattern = _PATTERNS.get(base_path)
    if pattern is None:
        pattern = _PATTERNS[base_path] = re.compile(_URL_ATTRS + re.escape(base_path) + r'(?!/)([^"]*)"')
    prefix = "../" * page_rel.count("/")

    def local(match: re.Match) -> str:
        url = prefix + match[2]
        if not url or url[0] in "#?":
            url = "./" + url
        return f'{match[1]}{url}"'
    return pattern.sub(local, html)
