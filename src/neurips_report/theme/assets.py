"""Static files copied with a content hash in their names, so they can be cached forever."""

from __future__ import annotations

import hashlib
from pathlib import Path

UNHASHED = {"favicon.ico", "robots.txt"}


def plan_assets(folders: tuple[Path, ...]) -> dict[str, tuple[Path, str]]:
    """name relative to static/ -> (source file, output path with hash); a name found in several folders
    comes from the first (the site's own file over the theme's)."""
    sources: dict[str, Path] = {}
    for static in reversed(folders):
        if static.is_dir():
            sources.update((p.relative_to(static).as_posix(), p) for p in static.rglob("*") if p.is_file())
    result = {}
    for rel, path in sorted(sources.items()):
        if rel in UNHASHED:
            result[rel] = (path, rel)
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        stem, dot, suffix = rel.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{rel}.{digest}"
        result[rel] = (path, "assets/" + hashed)
    return result
