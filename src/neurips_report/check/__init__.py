"""Rules over the loaded content. Each rule is a small function that records problems.

A `scope` (serve's rebuilds, see pipeline.model) is the set of (kind, slug) of the entries that
changed, and ("bib", key) for changed bibliography entries: rules then look at those only. It is given
only when no entry, key or data file came or went, so nothing outside it can have become wrong."""

from __future__ import annotations

from .cjk_spacing import check_cjk_spacing
from .crossrefs import check_crossrefs
from .official import check_official_data
from .placeholders import check_placeholders
from .translations import check_translations

RULES = (check_translations, check_crossrefs, check_official_data, check_placeholders, check_cjk_spacing)


def run_checks(content, bibliography, problems, scope=None) -> None:
    for rule in RULES:
        rule(content, bibliography, problems, scope)

