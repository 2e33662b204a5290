"""Paper entries and bibliography entries agree with the official accepted-papers list."""

from __future__ import annotations

import difflib

from .scope import bib_in_scope, in_scope
from ..load.lists import normalise_title
from ..model.kinds import PAPER_TYPES


def check_official_data(content, bibliography, problems, scope=None) -> None:
    official = content.reference_data
    if not official:
        return
    for paper in content.kind("papers"):
        if not in_scope(scope, "papers", paper.slug):
            continue
        records = [_check_title(version, official, problems) for version in paper.versions.values()]
        record = next((r for r in records if r), None)
        if record:
            _check_fields(paper, record, problems)
    _check_one_entry_each(content, official, problems)
    if bib_in_scope(scope):
        _check_bib(bibliography, official, problems)


def _check_one_entry_each(content, official, problems) -> None:
    """Two papers for the same official paper (whatever the scope: a lookup per paper, and warm = cold)."""
    entries: dict = {}
    for paper in content.kind("papers"):
        titles = {normalise_title(v.title) for v in paper.versions.values()}
        record = next((official[t] for t in sorted(titles) if t in official), None)
        if record is not None:
            entries.setdefault(record["title"], []).append(paper)
    for title, papers in entries.items():
        for paper in papers[1:]:
            version = next(iter(paper.versions.values()))
            problems.error(version.path, version.line_of("title"),
                           f"a second entry for the official paper '{title}' (the first is '{papers[0].slug}')",
                           f"keep one of content/papers/{papers[0].slug}.*.md and content/papers/{paper.slug}.*.md")


def _check_title(version, official, problems):
    """The official record for this version's title, or None (with a problem)."""
    record = official.get(normalise_title(version.title))
    if record is None:
        close = difflib.get_close_matches(normalise_title(version.title), list(official), n=1, cutoff=0.75)
        hint = f"the official list has '{official[close[0]]['title']}'" if close else "check the title against the official list"
        problems.error(version.path, version.line_of("title"), "title not found in the official list of accepted papers", hint)
    elif version.title != record["title"]:
        problems.error(version.path, version.line_of("title"), "title differs from the official list",
                       f"the official title is '{record['title']}'")
    return record


def _check_fields(paper, record, problems) -> None:
    """Language-neutral fields, reported once, at the file that sets them."""
    checks = (
        ("authors", list(paper.authors) == list(record.get("authors", [])),
         "authors differ from the official list", "official: " + ", ".join(record.get("authors", []))),
        ("type", paper.type == record.get("type") or record.get("type") not in PAPER_TYPES,   # a workshop's own type
         f"presentation type '{paper.type}' differs from the official list",
         f"the official type is '{record.get('type')}'"),
        ("url", paper.url == record.get("url"),
         "url differs from the official list", f"the official url is {record.get('url')}"),
    )
    for field, ok, message, hint in checks:
        version = paper.version_with(field)
        if version is not None and record.get(field) and not ok:
            problems.error(version.path, version.line_of(field), message, hint)


def _check_bib(bibliography, official, problems) -> None:
    by_url = {r.get("url"): r for r in official.values() if r.get("url")}
    for key, entry in bibliography.entries.items():
        record = by_url.get(entry.fields.get("url", ""))
        if record is None:
            continue
        line = bibliography.source.lines.get(key, 1)
        title = entry.fields.get("title", "").replace("{", "").replace("}", "")
        if normalise_title(title) != normalise_title(record["title"]):
            problems.error(bibliography.source.path, line, f"entry '{key}': title differs from the official list",
                           f"the official title is '{record['title']}'")
        authors = [" ".join(p.first_names + p.middle_names + p.prelast_names + p.last_names).replace("{", "").replace("}", "")
                   for p in entry.persons.get("author", [])]
        if [_fold(a) for a in authors] != [_fold(a) for a in record.get("authors", [])]:
            problems.error(bibliography.source.path, line, f"entry '{key}': authors differ from the official list",
                           "official: " + ", ".join(record.get("authors", [])))


def _fold(name: str) -> str:
    return normalise_title(name).replace(" ", "")
