"""What the styles, the fast formatter, the labels and the bibliography page read alike from a pybtex entry."""

from __future__ import annotations


def people(entry) -> list:
    """The entry's authors, else its editors (an edited volume has no authors)."""
    return entry.persons.get("author") or entry.persons.get("editor") or []


def link_url(fields) -> str:
    """The entry's URL, else its DOI as a doi.org URL, else ''."""
    if fields.get("url"):
        return fields["url"]
    return f"https://doi.org/{fields['doi']}" if fields.get("doi") else ""
