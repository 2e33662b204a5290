"""The source report's reference, written the way each language cites (interface string
`credit_format` with {authors} {title} {journal} {year} {volume} {issue} {pages})."""

from __future__ import annotations

import re

from markupsafe import Markup, escape

from ..core.formatting import in_language

DEFAULT_FORMAT = "{authors}. {title}. {journal}, {year}, {volume}({issue})."


def credit_reference(source: dict, strings: dict, lang: str) -> Markup:
    """The credit line (the footer that shows it is a template fragment made once per language)."""
    def loc(value):
        return in_language(value, lang)

    authors = loc(source.get("authors"))
    if isinstance(authors, list):
        authors = strings.get("name_separator", ", ").join(authors)
    parts = {
        "authors": escape(authors),
        "title": Markup("<cite>{}</cite>").format(loc(source.get("title"))),
        "journal": escape(loc(source.get("journal"))),
        "year": escape(source.get("year", "")),
        "volume": escape(source.get("volume", "")),
        "issue": escape(source.get("issue", "")),
        "pages": escape(source.get("pages", "")),
    }
    text = str(escape(strings.get("credit_format", DEFAULT_FORMAT))).format(**parts)
    return Markup(_tidy(text))


def _tidy(text: str) -> str:
    """Drop the punctuation of fields a source does not have: '()', ' ,', ', .'."""
    text = text.replace("()", "")
    text = re.sub(r"\s+([,.，。])", r"\1", text)
    text = re.sub(r"[,，]\s*([,.，。])", r"\1", text)
    return re.sub(r"\s{2,}", " ", text)
