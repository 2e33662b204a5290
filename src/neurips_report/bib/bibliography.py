"""Formatted references and citation text per language, computed once per build."""

from __future__ import annotations

from functools import cached_property

from pybtex.plugin import find_plugin

from .database import BibSource
from .labels import AuthorYearLabelStyle, cited_names
from .styles import style_for


class Bibliography:
    """Labels (with a/b suffixes), citation forms and reference-list HTML."""

    def __init__(self, source: BibSource):
        self.source = source
        self.entries = source.data.entries

    def __contains__(self, key: str) -> bool:
        return key in self.entries

    @cached_property
    def order(self) -> list[str]:
        sorter = find_plugin("pybtex.style.sorting", "author_year_title")()
        return [entry.key for entry in sorter.sort(list(self.entries.values()))]

    @cached_property
    def labels(self) -> dict[str, str]:
        """key -> '2031' or '2031a'; the same in every language."""
        entries = [self.entries[key] for key in self.order]
        return dict(zip(self.order, AuthorYearLabelStyle().format_labels(entries)))

    def names(self, key: str, lang: str, forms: tuple[str, str] | None = None) -> str:
        return cited_names(self.entries[key], lang, forms)

    def formatted(self, lang: str) -> dict[str, str]:
        """key -> reference-list HTML, in list order."""
        cache = self.__dict__.setdefault("_formatted", {})
        if lang not in cache:
            style = style_for(lang)
            cache[lang] = {key: style.format_entry(self.labels[key], self.entries[key]).text.render_as("html")
                           for key in self.order}
        return cache[lang]

    def url(self, key: str) -> str:
        fields = self.entries[key].fields
        if fields.get("url"):
            return fields["url"]
        return f"https://doi.org/{fields['doi']}" if fields.get("doi") else ""

    def bibtex(self, key: str) -> str:
        return self.source.sources.get(key, "")
