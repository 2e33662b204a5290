"""Where an entry's source lives: the one reader and writer of `content/<kind>/<slug>.<lang>.md`."""

from __future__ import annotations

import re
from pathlib import Path

from .kinds import BY_FOLDER

ENTRY_NAME_RE = re.compile(r"^(?P<slug>[^.]+)\.(?P<lang>[a-z]{2,3}(?:-[A-Za-z0-9]+)?)\.md$")


def entry_name(filename: str) -> tuple[str, str] | None:
    """(slug, lang) of an entry file's name, `<slug>.<lang>.md`; None for any other name."""
    match = ENTRY_NAME_RE.match(filename)
    return (match["slug"], match["lang"]) if match else None


def entry_source(rel: str) -> tuple[str, str, str] | None:
    """(kind folder, slug, lang) of a site-relative path `content/<kind>/<slug>.<lang>.md`; None otherwise."""
    parts = rel.split("/")
    if len(parts) != 3 or parts[0] != "content" or parts[1] not in BY_FOLDER:
        return None
    name = entry_name(parts[2])
    return (parts[1], *name) if name else None


def entry_files(root: Path, kind: str, slug: str) -> list[Path]:
    """Every language's file of one entry, under the site folder `root`."""
    return sorted((root / "content" / kind).glob(f"{slug}.*.md"))
