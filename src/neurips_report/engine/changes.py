"""What changed between two runs of the pipeline, as the tokens pages record (core/recording.py).

Each function compares one stage's result with the previous run's and names the tokens whose value
differs; a page or body that recorded none of them is kept as it was."""

from __future__ import annotations

from ..site.recorded import BODY_ASPECTS
from ..model.sources import entry_source

ENTRY_DATA = ("statistics", "oral_tracks", "corrections", "reference_data")


def source_kind(rel: str) -> str:
    """What a changed source file (site-relative path) is: entry, bib, template, static or other."""
    parts = rel.split("/")
    if parts[0] == "templates":
        return "template"
    if parts[0] == "static":
        return "static"
    if rel == "content/references.bib":
        return "bib"
    if entry_source(rel):
        return "entry"
    return "other"


def file_tokens(rels) -> set:
    """Templates and static files are tokens by their own name."""
    tokens = set()
    for rel in rels:
        kind = source_kind(rel)
        if kind in ("template", "static"):
            tokens.add((kind, rel.split("/", 1)[1]))
    return tokens


def site_key(site) -> tuple:
    """Everything of site.yaml (without the interface strings): when it changes, everything may."""
    return (site.root, site.title, site.description, site.base_url, tuple(lang.code for lang in site.languages),
            tuple(lang.name for lang in site.languages), site.conference, site.source, dict(site.raw))


def model_changes(old, new) -> tuple[set, set]:
    """(changed tokens, edited body sources as (kind, slug, lang)) between two content models."""
    tokens, edited = set(), set()
    for old_lang, new_lang in zip(old.site.languages, new.site.languages):
        if dict(old_lang.strings) != dict(new_lang.strings):
            tokens.add(("i18n", new_lang.code))
    for name in ENTRY_DATA:
        if getattr(old, name) != getattr(new, name):
            tokens.add(("data", name))
    for kind in set(old.entries) | set(new.entries):
        before, after = old.entries.get(kind, {}), new.entries.get(kind, {})
        for slug in set(before) | set(after):
            a, b = before.get(slug), after.get(slug)
            if a is b:
                continue
            if a is None or b is None or _front(a) != _front(b):
                tokens.add((kind, slug))
            for lang in set(a.versions if a else ()) | set(b.versions if b else ()):
                va, vb = a.versions.get(lang) if a else None, b.versions.get(lang) if b else None
                if va is None or vb is None or (va.path, va.body, va.body_line) != (vb.path, vb.body, vb.body_line):
                    edited.add((kind, slug, lang))
    return tokens, edited


def _front(entry) -> tuple:
    return entry.fields(), {lang: dict(v.meta) for lang, v in entry.versions.items()}


def bib_changes(old, new) -> set:
    """("bib", key) for each entry whose BibTeX or label changed, appeared or went; ("bib-key", key) too
    for each that appeared or went."""
    if old is new:
        return set()
    tokens = set()
    for key in set(old.entries) | set(new.entries):
        if (key in old.entries) != (key in new.entries):
            tokens |= {("bib", key), ("bib-key", key)}
        elif old.bibtex(key) != new.bibtex(key) or old.labels.get(key) != new.labels.get(key):
            tokens.add(("bib", key))
    return tokens


def body_changes(old, new) -> set:
    """("body:<aspect>", key) for each aspect (site/recorded.py BODY_ASPECTS) of a body that differs, and
    ("citations", key) for each bibliography entry cited from other places."""
    tokens = set()
    for key in set(old.bodies) | set(new.bodies):
        a, b = old.bodies.get(key), new.bodies.get(key)
        if a is b:
            continue
        for aspect, read in BODY_ASPECTS.items():
            if a is None or b is None or read(a) != read(b):
                tokens.add(("body:" + aspect, key))
    for key in set(old.citations) | set(new.citations):
        if old.citations.get(key) != new.citations.get(key):
            tokens.add(("citations", key))
    return tokens

