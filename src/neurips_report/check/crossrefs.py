"""References between entries: tracks, bibliography keys, reserved slugs, track lists."""

from __future__ import annotations

from .scope import in_scope
from ..model.problems import did_you_mean
from ..model.urls import PAGES


def check_crossrefs(content, bibliography, problems, scope=None) -> None:
    tracks = content.entries.get("tracks", {})
    for paper in content.kind("papers"):
        if not in_scope(scope, "papers", paper.slug):
            continue
        if paper.track is not None and paper.track not in tracks:
            version = paper.version_with("track")
            problems.error(version.path, version.line_of("track"), f"unknown track '{paper.track}'",
                           did_you_mean(paper.track, tracks) or "track slugs are the file names in content/tracks/",
                           about=("entry", "tracks", paper.track, "*"))
        if paper.bib is not None and paper.bib not in bibliography:
            version = paper.version_with("bib")
            problems.error(version.path, version.line_of("bib"), f"unknown bibliography key '{paper.bib}'",
                           did_you_mean(paper.bib, bibliography.entries.keys()) or "add the entry to references.bib",
                           about=("bib", paper.bib))
    charts = {"history"} | (content.statistics.declared if content.statistics else set())
    for section in content.kind("sections"):
        if not in_scope(scope, "sections", section.slug):
            continue
        for chart in section.charts:
            if chart not in charts:
                version = section.version_with("charts")
                problems.error(version.path, version.line_of("charts"), f"unknown chart '{chart}'",
                               did_you_mean(chart, charts) or "charts are 'history' and the breakdown ids of statistics.yaml",
                               about=("charts",))
        if section.slug in PAGES:
            version = section.first_version()
            problems.error(version.path, 1, f"section slug '{section.slug}' is reserved for a generated page",
                           "rename the file; reserved: " + ", ".join(PAGES))
    path = content.site.root / "content" / "oral-tracks.yaml"
    for item in content.oral_tracks:
        slug = item.get("track")
        if slug is not None and (not isinstance(slug, str) or slug not in tracks):
            problems.error(path, item.lines["track"], f"unknown track '{slug}'",
                           did_you_mean(slug, tracks) or "track slugs are the file names in content/tracks/",
                           about=("entry", "tracks", slug, "*"))
    _check_orders(content, problems)


def _check_orders(content, problems) -> None:
    seen = {}
    for section in content.kind("sections"):
        order = section.order
        if order is None:           # missing or bad: reported when the file was loaded
            continue
        if order in seen:
            version = section.version_with("order")
            problems.error(version.path, version.line_of("order"), f"section order {order} is also used by '{seen[order]}'",
                           "give each section its own order number")
        seen[order] = section.slug
