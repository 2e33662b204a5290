"""Rules over the loaded content. Each rule is a small function that records problems."""

from __future__ import annotations

from .cjk_spacing import check_cjk_spacing
from .crossrefs import check_crossrefs
from .official import check_official_data
from .placeholders import check_placeholders
from .translations import check_translations

RULES = (check_translations, check_crossrefs, check_official_data, check_placeholders, check_cjk_spacing)


def run_checks(content, bibliography, problems) -> None:
    for rule in RULES:
        rule(content, bibliography, problems)
