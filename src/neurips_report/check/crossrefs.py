"""References between entries: tracks, bibliography keys, reserved slugs, track lists."""

from __future__ import annotations

from .scope import in_scope
from ..errors import did_you_mean
from ..urls import PAGES


def check_crossrefs(content, bibliography, problems, scope=None) -> None:
    tracks = content.entries.get("tracks", {})
    for paper in content.kind("papers"):
        if not in_scope(scope, "papers", paper.slug):
            continue
        version = _version_with(paper, "track")
        if version and paper.data["track"] not in tracks:
            problems.error(version.path, version.line_of("track"), f"unknown track '{paper.data['track']}'",
                           did_you_mean(paper.data["track"], tracks) or "track slugs are the file names in content/tracks/")
        version = _version_with(paper, "bib")
        if version and paper.data["bib"] not in bibliography:
            problems.error(version.path, version.line_of("bib"), f"unknown bibliography key '{paper.data['bib']}'",
                           did_you_mean(paper.data["bib"], bibliography.entries.keys()) or "add the entry to references.bib")
    charts = {"history"} | (content.statistics.declared if content.statistics else set())
    for section in content.kind("sections"):
        if not in_scope(scope, "sections", section.slug):
            continue
        version = _version_with(section, "charts")
        for chart in section.data.get("charts", []):
            if chart not in charts:
                problems.error(version.path, version.line_of("charts"), f"unknown chart '{chart}'",
                               did_you_mean(chart, charts) or "charts are 'history' and the breakdown ids of statistics.yaml")
        if section.slug in PAGES:
            version = section.first_version()
            problems.error(version.path, 1, f"section slug '{section.slug}' is reserved for a generated page",
                           "rename the file; reserved: " + ", ".join(PAGES))
    path = content.site.root / "content" / "oral-tracks.yaml"
    for item in content.oral_tracks:
        slug = item.get("track")
        if slug is not None and (not isinstance(slug, str) or slug not in tracks):
            problems.error(path, item.lines["track"], f"unknown track '{slug}'",
                           did_you_mean(slug, tracks) or "track slugs are the file names in content/tracks/")
    _check_orders(content, problems)


def _check_orders(content, problems) -> None:
    seen = {}
    for section in content.kind("sections"):
        order = section.data.get("order")
        if order in seen:
            version = _version_with(section, "order")
            problems.error(version.path, version.line_of("order"), f"section order {order} is also used by '{seen[order]}'",
                           "give each section its own order number")
        seen[order] = section.slug


def _version_with(entry, field):
    if field not in entry.data:
        return None
    return next((v for v in entry.versions.values() if field in v.meta), None)
