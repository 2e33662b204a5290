"""Convert every Markdown body, resolving citations and internal links; collect back-links."""

from __future__ import annotations

import json
from dataclasses import dataclass, field

from ..theme.assets import plan_assets
from ..core.cache import digest
from ..core.recording import record, recording, touches
from .recorded import RecordedBibliography, RecordedContent
from ..core.formatting import fill
from ..markup.context import PageContext
from ..markup.converter import Converter
from ..core.workers import fork_map
from ..theme.folders import theme_dirs
from ..model.kinds import BY_NAME
from ..model.urls import PAGES, Urls



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
    deps: dict = field(default_factory=dict)            # (kind, slug, lang) -> what converting it used (core/recording.py)


def cite_text(bibliography, strings, key: str, lang: str, narrative: bool) -> str | None:
    if key not in bibliography:
        return None
    # interface strings may say how this language joins two names and shortens many (else labels.NAME_FORMS)
    forms = (strings["cite_and"], strings["cite_et_al"]) if "cite_and" in strings and "cite_et_al" in strings else None
    names, year = bibliography.names(key, lang, forms), bibliography.labels[key]
    template = strings.get("cite_narrative", "{names} ({year})") if narrative else strings.get("cite_item", "{names}, {year}")
    return fill(template, names=names, year=year)


def resolve(content, bibliography, urls: Urls, problems, store=None, previous: Resolved | None = None,
            changed: frozenset = frozenset(), edited_bodies: frozenset = frozenset(), progress=None) -> Resolved:
    """Convert every body. A body of `previous` is kept when its source is not among `edited_bodies` (kind, slug,
    lang: changed, new or gone) and nothing it used is among the `changed` tokens; the rest come from
    `store` (a cache.Store) when the text and every answer it got are unchanged, or are converted,
    spread over the CPU cores (counted on `progress`). Problems are reported in the same order either way."""
    bib_keys = tuple(bibliography.entries.keys())
    converter = previous.converter if previous is not None and previous.converter.bib_keys == bib_keys \
        else LazyConverter(bib_keys)
    result = Resolved(converter=converter)
    if previous is None:
        items = [(kind, entry.slug, lang, version) for kind, entries in content.entries.items()
                 for entry in entries.values() for lang, version in entry.versions.items()]
    else:                 # the bodies an edit or a changed input touches; the others are kept as they are
        result.bodies, result.deps = dict(previous.bodies), dict(previous.deps)
        redo = set(edited_bodies) | {key for key, used in previous.deps.items() if touches(used, changed)}
        items = []
        for kind, slug, lang in sorted(redo):
            entry = content.entries.get(kind, {}).get(slug)
            if entry is None or lang not in entry.versions:
                result.bodies.pop((kind, slug, lang), None)
                result.deps.pop((kind, slug, lang), None)
            else:
                items.append((kind, slug, lang, entry.versions[lang]))
    keys = BodyKeys(content) if store is not None else None
    done, todo = {}, []
    for item in items:
        with recording() as used:
            body = cached_body(store, keys, content, bibliography, urls, item[3])
        if body is None:
            todo.append(item)
        else:
            done[item[:3]] = (body, (), frozenset(used))

    def work(item):
        with recording() as used:
            body, found, calls = _convert(converter, content, bibliography, urls, item[3], store is not None)
        if store is None or found:
            return body, found, None, frozenset(used)
        return None, found, _body_record(keys, item[3], body, calls), frozenset(used)   # the parent stores it

    def counted(converted):
        progress.advance()
        return converted

    if progress is not None:
        progress.count(len(todo))
    for item, (body, found, entry, used) in zip(todo, fork_map(work, todo, then=counted if progress else None)):
        if entry is not None:
            store.put(*entry)
            body = _body_from(entry[1])
        done[item[:3]] = (body, found, used)
    for kind, slug, lang, version in items:
        body, found, used = done[kind, slug, lang]
        for line, message, hint, about in found:
            problems.error(version.path, line, message, hint, tuple(about))
        result.bodies[(kind, slug, lang)] = body
        result.deps[(kind, slug, lang)] = used
    result.citations = collect_citations(result.bodies)
    return result


class LazyConverter:
    """A Converter made on first use: setting up Python-Markdown with every extension costs more than
    a warm build spends on everything else, and a build whose bodies all come from the cache needs none."""

    def __init__(self, bib_keys):
        self.bib_keys, self._real = tuple(bib_keys), None    # the keys, for "did you mean" hints

    def __getattr__(self, name):
        if name.startswith("__"):
            raise AttributeError(name)
        if self._real is None:
            self._real = Converter(self.bib_keys)
        return getattr(self._real, name)


def collect_citations(bodies: dict) -> dict:
    """key -> sorted [(kind, slug)] of the entries citing it, in any language."""
    backlinks: dict[str, set] = {}
    for (kind, slug, _lang), body in bodies.items():
        for key in body.cited:
            backlinks.setdefault(key, set()).add((kind, slug))
    return {key: sorted(places) for key, places in sorted(backlinks.items())}


def _body_record(keys, version, body: Body, calls: list) -> tuple[str, dict]:
    """The cache record of a fresh body, as a later build reads it back (JSON turns tuples into lists),
    so that the pages showing it get the same fingerprint in this build and the next."""
    record = json.loads(json.dumps({"html": body.html, "toc": body.toc, "cited": list(body.cited),
                                    "notes": body.editor_notes, "calls": calls}, ensure_ascii=False))
    return keys(version), record


def _body_from(hit: dict) -> Body:
    return Body(hit["html"], hit["toc"], tuple(hit["cited"]), hit["notes"])


def _resolvers(content, bibliography, urls, version) -> dict:
    """What a body may ask while it is converted; a cached body is reused only if each of its
    recorded questions still gets the same answer. They read the model through the recorded views (recorded.py), so what
    they read is recorded too."""
    lang = version.lang
    content, bibliography = RecordedContent(content), RecordedBibliography(bibliography)
    strings = content.strings(lang)

    def resolve_link(kind: str, slug: str) -> str | None:
        if kind == "page":
            return urls.href(urls.page(slug, lang)) if slug in PAGES or slug == "home" else None
        plural = BY_NAME[kind].folder
        if slug not in content.entries.get(plural, {}):
            return None
        return urls.href(urls.entry(plural, slug, lang))

    def asset_href(name: str) -> str | None:
        record(("static", name))
        assets = plan_assets(theme_dirs(content.site.root, "static"))   # only pages with local images get here
        return urls.href(assets[name][1]) if name in assets else None

    return {
        "cite_label": lambda key, lng, narrative: cite_text(bibliography, strings, key, lng, narrative),
        "bib_href": lambda key: urls.href(urls.bib_entry(key, lang)),
        "resolve": resolve_link,
        "asset": asset_href,
        "slugs": lambda kind: tuple(sorted(set(PAGES) | {"home"})) if kind == "page"
        else tuple(content.entries.get(BY_NAME[kind].folder if kind in BY_NAME else "", {})),   # asked only for a broken link's hint
    }


def _convert(converter, content, bibliography, urls, version, record: bool = False) -> tuple:
    """(Body, problems as (line, message, hint, about), the resolver calls made as [name, args, answer])."""
    lang = version.lang
    functions, calls = _resolvers(content, bibliography, urls, version), []
    if record:
        functions = {name: _recorder(name, fn, calls) for name, fn in functions.items()}
    ctx = PageContext(lang=lang, path=version.path, body=version.body, body_line=version.body_line,
                      strings=content.site.language(lang).strings, **functions)
    html, toc = converter.convert(version.body, ctx)
    return Body(html, toc, tuple(dict.fromkeys(ctx.cited)), ctx.editor_notes), list(ctx.problems), calls


def _recorder(name, function, calls):
    def call(*args):
        answer = function(*args)
        calls.append([name, list(args), answer])
        return answer
    return call


class BodyKeys:
    """Cache keys of Markdown bodies: the text, its language and that language's interface strings
    (citations use them); each language's strings are hashed once per build."""

    def __init__(self, content):
        self.strings = {lang.code: digest(dict(lang.strings)) for lang in content.site.languages}

    def __call__(self, version) -> str:
        return digest("body", version.lang, self.strings[version.lang], version.body)


def cached_body(store, keys, content, bibliography, urls, version) -> Body | None:
    if store is None:
        return None
    hit = store.get(keys(version))
    if not isinstance(hit, dict):
        return None
    try:
        functions = _resolvers(content, bibliography, urls, version)
        if any(functions[name](*args) != answer for name, args, answer in hit["calls"]):
            return None
        return _body_from(hit)
    except (KeyError, TypeError, ValueError):
        return None
