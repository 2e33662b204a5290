"""Reading sources: text files, YAML with line numbers, Markdown with front matter."""

from __future__ import annotations

from pathlib import Path

from ..errors import Problems
from ..model import Content
from .entries import load_entries
from .lists import load_list, load_reference_papers
from .site import check_strings, load_site
from .statistics import load_statistics


def load_content(content: Path, problems: Problems) -> Content | None:
    """Read everything under content/; None when site.yaml itself is unusable."""
    site = load_site(content, problems)
    if site is None:
        return None
    check_strings(site, content, problems)
    codes = site.lang_codes
    return Content(
        site=site,
        entries=load_entries(content, codes, problems),
        statistics=load_statistics(content, codes, problems),
        oral_tracks=load_list(content / "oral-tracks.yaml", ("name",), problems, wrapper="tracks"),
        corrections=load_list(content / "corrections.yaml", ("id", "pages"), problems, wrapper="corrections"),
        reference_data=load_reference_papers(content, site.raw.get("reference_papers"), problems,
                                             content / "site.yaml", site.raw.lines.get("reference_papers", 1)),
    )
