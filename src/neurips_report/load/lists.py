"""Small YAML lists: oral-tracks.yaml, corrections.yaml; and the reference paper list."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from ..errors import Problems
from .text import read_text
from .yamlfile import Mapping, load_yaml


def load_list(path: Path, required_keys: tuple[str, ...], problems: Problems, wrapper: str = "") -> tuple:
    """A YAML list of mappings (optionally under a top-level `wrapper` key)."""
    if not path.is_file():
        return ()
    raw = load_yaml(path, problems)
    if raw is None:
        return ()
    if wrapper and isinstance(raw, Mapping):
        raw = raw.get(wrapper)
    if not isinstance(raw, list):
        problems.error(path, getattr(raw, "line", 1), f"{path.name} must be a list" + (f" under '{wrapper}:'" if wrapper else ""))
        return ()
    items = []
    for line, item in zip(raw.lines, raw):
        if not isinstance(item, Mapping):
            problems.error(path, line, "each item must be a set of 'key: value' fields")
            continue
        missing = [k for k in required_keys if k not in item]
        if missing:
            problems.error(path, line, f"item is missing {', '.join(repr(m) for m in missing)}")
            continue
        items.append(item)
    return tuple(items)


def normalise_title(title: str) -> str:
    text = unicodedata.normalize("NFKC", title).casefold()
    return re.sub(r"[^\w]+", " ", text).strip()


def load_reference_papers(content: Path, relpath, problems: Problems, site_path: Path) -> dict:
    """normalised title -> record, from the official accepted-papers JSON named in site.yaml."""
    if not relpath:
        return {}
    path = (content / str(relpath)).resolve()
    if not path.is_relative_to(content.resolve()):
        problems.error(site_path, 1, f"reference_papers '{relpath}' is outside content/")
        return {}
    if not path.is_file():
        problems.error(site_path, 1, f"reference_papers file '{relpath}' does not exist")
        return {}
    text = read_text(path, problems)
    if text is None:
        return {}
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.error(path, exc.lineno, f"invalid JSON: {exc.msg}")
        return {}
    if not isinstance(records, list):
        problems.error(path, 1, "the reference paper list must be a JSON array")
        return {}
    return {normalise_title(r["title"]): r for r in records if isinstance(r, dict) and isinstance(r.get("title"), str)}
