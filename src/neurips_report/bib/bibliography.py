"""Formatted references and citation text per language, computed once per build."""

from __future__ import annotations

from functools import cached_property, lru_cache

from pybtex.plugin import find_plugin

from ..core.cache import digest
from ..core.workers import fork_map
from .database import BibSource
from .entry import link_url
from .exports import csl_item, csl_json, ris
from .fast_format import FormatMemo, format_html
from .labels import AuthorYearLabelStyle, cited_names
from .styles import style_for


class Bibliography:
    """Labels (with a/b suffixes), citation forms and reference-list HTML."""

    def __init__(self, source: BibSource, store=None):
        self.source = source
        self.entries = source.data.entries
        self.store = store          # a cache.Store of formatted references, or None
        self._formatted: dict[str, dict[str, str]] = {}      # lang -> key -> reference-list HTML
        self._entry_digests: dict[str, str] = {}              # key -> digest of what formatting reads

    def __contains__(self, key: str) -> bool:
        # pybtex looks keys up ignoring case; a citation must spell the key as the entry does
        return key in self._exact_keys

    @cached_property
    def _exact_keys(self) -> frozenset:
        return frozenset(entry.key for entry in self.entries.values())

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
        if lang not in self._formatted:
            self.prepare([lang])
        return self._formatted[lang]

    def prepare(self, langs) -> None:
        """Format every reference in these languages: from the cache where the entry's content, its label,
        the style and the code are unchanged; plain entries directly (fast_format, which answers None for
        anything it does not reproduce exactly), the rest through pybtex spread over the CPU cores."""
        cache = self._formatted
        langs = [lang for lang in dict.fromkeys(langs) if lang not in cache]
        if not langs:
            return
        styles = {lang: style_for(lang) for lang in langs}
        found, missing, keys = {}, [], {}
        for lang in langs:
            style = type(styles[lang]).__qualname__
            for key in self.order:
                if self.store is not None:
                    keys[lang, key] = digest("ref", style, lang, self.labels[key], self._entry_digest(key))
                    html = self.store.get(keys[lang, key])
                    if isinstance(html, str):
                        found[lang, key] = html
                        continue
                missing.append((lang, key))
        labels, entries, backend, memo = self.labels, self.entries, _html_backend(), FormatMemo()
        formatted = {item: format_html(styles[item[0]], labels[item[1]], entries[item[1]], memo) for item in missing}
        rest = [item for item, html in formatted.items() if html is None]

        def format_one(item):
            lang, key = item
            return styles[lang].format_entry(labels[key], entries[key]).text.render(backend)

        formatted.update(zip(rest, fork_map(format_one, rest)))
        for item in missing:
            found[item] = formatted[item]
            if self.store is not None:
                self.store.put(keys[item], formatted[item])
        for lang in langs:
            cache[lang] = {key: found[lang, key] for key in self.order}

    def _entry_digest(self, key: str) -> str:
        """What formatting an entry reads: its type, fields and name parts (after parsing, so @string
        macros and crossrefs are accounted for)."""
        memo = self._entry_digests
        if key not in memo:
            entry = self.entries[key]
            persons = [[role, [[p.first_names, p.middle_names, p.prelast_names, p.last_names, p.lineage_names]
                               for p in people]] for role, people in entry.persons.items()]
            memo[key] = digest(entry.type, list(entry.fields.items()), persons)
        return memo[key]

    def csl_item(self, key: str) -> dict:
        """The entry as a CSL-JSON item (exports.csl_item), made once per entry."""
        items = self.__dict__.setdefault("_csl_items", {})
        if key not in items:
            items[key] = csl_item(key, self.entries[key])
        return items[key]

    def exports(self, keys) -> dict[str, str]:
        """ext -> the text of these entries as an RIS ('ris') and a CSL-JSON ('json') file; from the cache
        when the entries are those an earlier build exported (a warm build of 5,000 papers saves seconds)."""
        keys = list(keys)
        stored = digest("exports", [self._entry_digest(key) for key in keys]) if self.store is not None else None
        found = self.store.get(stored) if stored else None
        if isinstance(found, dict) and set(found) == {"ris", "json"}:
            return found
        items = [self.csl_item(key) for key in keys]
        result = {"ris": ris(items), "json": csl_json(items)}
        if stored:
            self.store.put(stored, result)
        return result

    def url(self, key: str) -> str:
        return link_url(self.entries[key].fields)

    def bibtex(self, key: str) -> str:
        return self.source.sources.get(key, "")


@lru_cache(maxsize=None)
def _html_backend():
    """pybtex's HTML backend, found once: render_as('html') scans the installed entry points on every call."""
    return find_plugin("pybtex.backends", "html")()
