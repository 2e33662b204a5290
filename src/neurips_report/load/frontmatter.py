"""Markdown files with YAML front matter between '---' lines."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path

from ..model.problems import Problems
from .text import read_text
from ..core.cache import digest
from .yamlfile import Mapping, from_json, parse_yaml, to_json

@dataclass(frozen=True)
class MarkdownSource:
    path: Path
    meta: Mapping
    body: str
    body_line: int  # line number of the body's first line in the file


def load_markdown(path: Path, problems: Problems, store=None) -> MarkdownSource | None:
    """Split front matter from body, keeping the body's line offset (`store`: see cached_front_matter)."""
    text = read_text(path, problems)
    if text is None:
        return None
    lines = text.split("\n")
    if lines[0].strip() != "---":
        problems.unreadable(path, 1, "missing front matter", "start the file with a '---' line, "
                            "the YAML fields, then another '---' line")
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.unreadable(path, 1, "front matter is not closed", "add a '---' line after the fields")
        return None
    meta = cached_front_matter("\n".join(lines[1:end]) or "{}", path, problems, store)
    if meta is None:
        return None
    if not isinstance(meta, Mapping):
        problems.unreadable(path, 2, "front matter must be a set of 'key: value' fields")
        return None
    return MarkdownSource(path, meta, "\n".join(lines[end + 1:]), end + 2)


def cached_front_matter(text: str, path: Path, problems: Problems, store=None):
    """parse_yaml(text) for front matter (which starts on line 2), from `store` (a cache.Store) when this
    text was parsed before. A fresh parse is returned as a later build will read it back from the cache, so that both
    give the pages the same fingerprints."""
    if store is None:
        return parse_yaml(text, path, problems, first_line=2)
    key = digest("front matter", text)
    hit = store.get(key)
    if hit is not None:
        try:
            return from_json(hit)
        except (TypeError, ValueError, IndexError, KeyError):
            pass
    meta = parse_yaml(text, path, problems, first_line=2)
    if meta is None:
        return None
    try:
        record = json.loads(json.dumps(to_json(meta), ensure_ascii=False))
    except (TypeError, ValueError):
        return meta
    store.put(key, record)
    return from_json(record)
