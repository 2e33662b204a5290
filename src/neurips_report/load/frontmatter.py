"""Markdown files with YAML front matter between '---' lines."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from ..errors import Problems
from .text import read_text
from .yamlfile import Mapping, parse_yaml


@dataclass(frozen=True)
class MarkdownSource:
    path: Path
    meta: Mapping
    body: str
    body_line: int  # line number of the body's first line in the file


def load_markdown(path: Path, problems: Problems) -> MarkdownSource | None:
    """Split front matter from body, keeping the body's line offset."""
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
    meta = parse_yaml("\n".join(lines[1:end]) or "{}", path, problems, first_line=2)
    if meta is None:
        return None
    if not isinstance(meta, Mapping):
        problems.unreadable(path, 2, "front matter must be a set of 'key: value' fields")
        return None
    return MarkdownSource(path, meta, "\n".join(lines[end + 1:]), end + 2)
