"""The generator knows nothing about any conference: no conference-specific text in src/, templates/ or static/.

Everything about a conference lives in content/ (and, for the test sites, in tests/sites/)."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
SCANNED = ("src", "templates", "static")
TEXT_SUFFIXES = {".py", ".html", ".xml", ".txt", ".css", ".js", ".svg", ".json", ".yaml", ".md"}
TOOL_NAME_RE = re.compile(r"neurips[-_]report", re.IGNORECASE)   # the tool's own name is allowed

ALWAYS = [
    "NeurIPS", "neurips.cc", "Neural Information Processing", "神经信息处理",
    "2020", "Lin Zhouchen", "Zhouchen Lin", "林宙辰", "Wang Yisen", "Yisen Wang", "王奕森",
    "Vancouver", "温哥华", "Journal of Image and Graphics", "中国图象图形学报", "Gather Town",
    "Peking University", "北京大学",
]


def _texts(value):
    if isinstance(value, dict):
        for item in value.values():
            yield from _texts(item)
    elif isinstance(value, list):
        for item in value:
            yield from _texts(item)
    elif isinstance(value, str) and len(value) >= 4:
        yield value


def site_names(site_yaml: Path) -> set[str]:
    """The names a site.yaml gives its conference and its source report."""
    raw = yaml.safe_load(site_yaml.read_text(encoding="utf-8"))
    conf, source = raw.get("conference", {}), raw.get("source", {})
    names = {conf.get("short", "")}
    for key in ("name", "location"):
        names |= set(_texts(conf.get(key)))
    for key in ("title", "authors", "journal", "affiliation"):
        names |= set(_texts(source.get(key)))
    names |= set(_texts(raw.get("title")))
    return {n for n in names if n}


def forbidden() -> list[str]:
    words = set(ALWAYS) | site_names(ROOT / "content/site.yaml")
    for fixture in sorted((ROOT / "tests/sites").glob("*/content/site.yaml")):
        words |= site_names(fixture)
    return sorted(words)


def scan(folders, words) -> list[str]:
    hits = []
    for folder in folders:
        for path in sorted(folder.rglob("*")):
            if not path.is_file() or path.suffix not in TEXT_SUFFIXES or "__pycache__" in path.parts:
                continue
            text = TOOL_NAME_RE.sub("", path.read_text(encoding="utf-8", errors="replace"))
            for number, line in enumerate(text.splitlines(), 1):
                for word in words:
                    if word.casefold() in line.casefold():
                        hits.append(f"{path.relative_to(ROOT)}:{number}: {word!r}")
    return hits


def test_forbidden_list_covers_the_real_and_fixture_sites():
    words = forbidden()
    assert {"NeurIPS 2020", "Lin Zhouchen", "林宙辰", "SLS 2031", "TW 2031"} <= set(words)


def test_scanner_finds_conference_text_in_content():
    """The check itself works: the real content is full of it."""
    assert scan([ROOT / "content/sections"], ["NeurIPS"])


def test_no_conference_text_in_generator():
    hits = scan([ROOT / name for name in SCANNED], forbidden())
    assert hits == [], "conference-specific text in the generator:\n" + "\n".join(hits)
