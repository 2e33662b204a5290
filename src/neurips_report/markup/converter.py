"""One reusable Markdown converter with every extension of the site."""

from __future__ import annotations

import markdown
from pymdownx.slugs import slugify

from .citations import CitationExtension
from .context import PageContext
from .links import LinkExtension
from .math import MathExtension
from .notes import EditorNoteExtension
from .sanitize import SanitizeExtension, clean
from .speedups import install as install_speedups
from .tables import AlignClassExtension

EXTENSIONS = [
    "abbr", "admonition", "def_list", "footnotes", "tables", "sane_lists", "smarty",
    "pymdownx.mark", "pymdownx.tilde",
]


class Converter:
    """Markdown -> safe HTML; `convert` returns the body HTML and its table of contents.

    `speedups`: None uses markup/speedups.py where it was proven on the installed Python-Markdown (and
    NEURIPS_REPORT_PLAIN_MARKDOWN is not set); False is plain Python-Markdown; True tries them on any
    release (for the tests that prove one). The output is the same. `self.speedups` tells whether they
    are in place."""

    def __init__(self, bib_keys=(), speedups: bool | None = None):
        self.md = markdown.Markdown(
            extensions=EXTENSIONS + ["toc", CitationExtension(), LinkExtension(), EditorNoteExtension(),
                                     MathExtension(), SanitizeExtension(), AlignClassExtension()],
            extension_configs={
                "toc": {"slugify": slugify(case="lower"), "permalink": False, "toc_depth": "2-3"},
                "footnotes": {"BACKLINK_TITLE": ""},
                "smarty": {"smart_angled_quotes": False},
            },
            output_format="html",
        )
        self.md.bib_keys = tuple(bib_keys)
        self.speedups = speedups is not False and install_speedups(self.md, force=speedups is True)

    def convert(self, text: str, ctx: PageContext) -> tuple[str, list]:
        md = self.md
        md.reset()
        md.trusted_html = set()
        md.page_context = ctx
        html = md.convert(text)
        toc = [{"id": t["id"], "name": t["name"], "level": t["level"]} for t in _flatten(md.toc_tokens)]
        return clean(html), toc


def _flatten(tokens):
    for token in tokens:
        yield token
        yield from _flatten(token.get("children", []))
