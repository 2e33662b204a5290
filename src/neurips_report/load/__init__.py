"""Reading sources: text files, YAML with line numbers, Markdown with front matter."""

from __future__ import annotations

from pathlib import Path

from ..model.problems import Problems
from ..model.content import Content
from .entries import load_entries
from .lists import load_list, load_reference_papers
from .site import check_strings, load_language, load_site
from .statistics import load_statistics


def load_content(content: Path, problems: Problems, store=None) -> Content | None:
    """Read everything under content/; None when site.yaml itself is unusable (`store`: a cache.Store
    of parsed front matter, see frontmatter.cached_front_matter)."""
    site = load_site(content, problems)
    if site is None:
        _load_without_site(content, problems)
        return None
    check_strings(site, content, problems)
    codes = site.lang_codes
    return Content(
        site=site,
        entries=load_entries(content, codes, problems, store),
        statistics=load_statistics(content, codes, problems),
        oral_tracks=load_list(content / "oral-tracks.yaml", ("name",), problems, wrapper="tracks"),
        corrections=load_list(content / "corrections.yaml", ("id", "pages"), problems, wrapper="corrections"),
        reference_data=load_reference_papers(content, site.raw.get("reference_papers"), problems,
                                             content / "site.yaml", site.raw.lines.get("reference_papers", 1)),
    )


def _load_without_site(content: Path, problems: Problems) -> None:
    """site.yaml is unusable: still read every other source, so that its YAML and field problems are reported
    in the same run (the languages are those that have interface strings; checks across files need the site)."""
    codes = sorted(p.name[:-len(".yaml")] for p in (content / "i18n").glob("*.yaml")) if (content / "i18n").is_dir() else []
    if not codes:
        return
    for code in codes:
        load_language(content, code, problems)
    load_entries(content, codes, problems)
    load_statistics(content, codes, problems)
    load_list(content / "oral-tracks.yaml", ("name",), problems, wrapper="tracks")
    load_list(content / "corrections.yaml", ("id", "pages"), problems, wrapper="corrections")
