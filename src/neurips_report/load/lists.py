"""Small YAML lists: oral-tracks.yaml, corrections.yaml; and the reference paper list."""

from __future__ import annotations

import json
import re
import unicodedata
from pathlib import Path

from ..model.problems import Problems
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


def load_reference_papers(content: Path, relpath, problems: Problems, site_path: Path, line: int = 1) -> dict:
    """normalised title -> record, from the official accepted-papers JSON named in site.yaml."""
    if not relpath:
        return {}
    if not isinstance(relpath, str):
        problems.error(site_path, line, "'reference_papers' must be a file path inside content/")
        return {}
    path = (content / relpath).resolve()
    if not path.is_relative_to(content.resolve()):
        problems.error(site_path, line, f"reference_papers '{relpath}' is outside content/",
                       "give a path relative to content/, e.g. data/accepted-papers.json")
        return {}
    if not path.is_file():
        problems.error(site_path, line, f"reference_papers file '{relpath}' does not exist")
        return {}
    text = read_text(path, problems)
    if text is None:
        return {}
    try:
        records = json.loads(text)
    except json.JSONDecodeError as exc:
        problems.unreadable(path, exc.lineno, f"invalid JSON: {exc.msg}")
        return {}
    if not isinstance(records, list):
        problems.error(path, 1, "the reference paper list must be a JSON array")
        return {}
    result = {}
    for index, record in enumerate(records):
        fault = _record_fault(record)
        if fault:
            problems.error(path, 1, f"record {index + 1} of the reference paper list {fault}",
                           "each record is {\"title\": \"...\", \"authors\": [...], \"type\": \"...\", \"url\": \"...\"}")
            continue
        result[normalise_title(record["title"])] = record
    return result


def _record_fault(record) -> str:
    """What is wrong with one record of the reference list ('' if nothing)."""
    if not isinstance(record, dict) or not isinstance(record.get("title"), str):
        return "has no title"
    authors = record.get("authors", [])
    if not isinstance(authors, list) or not all(isinstance(a, str) for a in authors):
        return "has authors that are not a list of names"
    if any(not isinstance(record.get(key, ""), str) for key in ("type", "url")):
        return "has a type or url that is not text"
    return ""
