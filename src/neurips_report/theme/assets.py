"""Static files copied with a content hash in their names, so they can be cached forever."""

from __future__ import annotations

import hashlib
from pathlib import Path

UNHASHED = {"favicon.ico", "robots.txt"}


def plan_assets(static: Path) -> dict[str, tuple[Path, str]]:
    """name relative to static/ -> (source file, output path with hash)."""
    result = {}
    if not static.is_dir():
        return result
    for path in sorted(p for p in static.rglob("*") if p.is_file()):
        rel = path.relative_to(static).as_posix()
        if rel in UNHASHED:
            result[rel] = (path, rel)
            continue
        digest = hashlib.sha256(path.read_bytes()).hexdigest()[:10]
        stem, dot, suffix = rel.rpartition(".")
        hashed = f"{stem}.{digest}.{suffix}" if dot else f"{rel}.{digest}"
        result[rel] = (path, "assets/" + hashed)
    return result
