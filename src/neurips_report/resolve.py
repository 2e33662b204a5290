"""Convert every Markdown body, resolving citations and internal links; collect back-links."""

from __future__ import annotations

from dataclasses import dataclass, field

from .markup.context import PageContext
from .markup.converter import Converter
from .urls import PAGES, Urls

LINK_KINDS = {"paper": "papers", "track": "tracks", "section": "sections", "talk": "talks"}


@dataclass(frozen=True)
class Body:
    html: str
    toc: list
    cited: tuple
    editor_notes: int


@dataclass
class Resolved:
    bodies: dict = field(default_factory=dict)          # (kind, slug, lang) -> Body
    citations: dict = field(default_factory=dict)       # key -> sorted [(kind, slug)] citing it
    converter: Converter | None = None

    def body(self, entry, lang) -> Body:
        return self.bodies[(entry.kind, entry.slug, lang)]


def cite_text(bibliography, strings, key: str, lang: str, narrative: bool) -> str | None:
    if key not in bibliography:
        return None
    # interface strings may say how this language joins two names and shortens many (else labels.NAME_FORMS)
    forms = (strings["cite_and"], strings["cite_et_al"]) if "cite_and" in strings and "cite_et_al" in strings else None
    names, year = bibliography.names(key, lang, forms), bibliography.labels[key]
    template = strings.get("cite_narrative", "{names} ({year})") if narrative else strings.get("cite_item", "{names}, {year}")
    return template.format(names=names, year=year)


def resolve(content, bibliography, urls: Urls, problems, converter: Converter | None = None) -> Resolved:
    converter = converter or Converter(bibliography.entries.keys())
    result = Resolved(converter=converter)
    for kind, entries in content.entries.items():
        for entry in entries.values():
            for lang, version in entry.versions.items():
                result.bodies[(kind, entry.slug, lang)] = convert_version(converter, content, bibliography, urls,
                                                                          version, problems)
    result.citations = collect_citations(result.bodies)
    return result


def collect_citations(bodies: dict) -> dict:
    """key -> sorted [(kind, slug)] of the entries citing it, in any language."""
    backlinks: dict[str, set] = {}
    for (kind, slug, _lang), body in bodies.items():
        for key in body.cited:
            backlinks.setdefault(key, set()).add((kind, slug))
    return {key: sorted(places) for key, places in sorted(backlinks.items())}


def convert_version(converter, content, bibliography, urls, version, problems) -> Body:
    lang = version.lang
    strings = content.site.language(lang).strings

    def resolve_link(kind: str, slug: str) -> str | None:
        if kind == "page":
            return urls.href(urls.page(slug, lang)) if slug in PAGES or slug == "home" else None
        plural = LINK_KINDS[kind]
        if slug not in content.entries.get(plural, {}):
            return None
        return urls.href(urls.entry(plural, slug, lang))

    ctx = PageContext(
        lang=lang, path=version.path, body=version.body, body_line=version.body_line, strings=strings,
        cite_label=lambda key, lng, narrative: cite_text(bibliography, strings, key, lng, narrative),
        bib_href=lambda key: urls.href(urls.bib_entry(key, lang)),
        resolve=resolve_link,
    )
    html, toc = converter.convert(version.body, ctx)
    for line, message, hint in ctx.problems:
        problems.error(version.path, line, message, hint)
    return Body(html, toc, tuple(dict.fromkeys(ctx.cited)), ctx.editor_notes)
