"""The content model: small frozen dataclasses, built once per build."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Version:
    """One language version of a content entry (one Markdown file)."""

    lang: str
    path: Path
    meta: dict            # the file's front matter, as written
    body: str
    body_line: int

    @property
    def title(self) -> str:
        title = self.meta.get("title", "")
        return title if isinstance(title, str) else ""   # a bad title is reported when the file is loaded

    def line_of(self, key: str) -> int:
        return getattr(self.meta, "lines", {}).get(key, 1)


@dataclass(frozen=True)
class Entry:
    """A section, talk, track or paper: shared fields plus one version per language."""

    kind: str                       # "sections", "talks", "tracks", "papers"
    slug: str
    data: dict                      # language-neutral fields, merged from all versions
    versions: dict[str, Version]    # lang -> version

    def __getattr__(self, name: str) -> Any:
        try:
            return self.__dict__["data"][name]
        except KeyError:
            raise AttributeError(name) from None

    def first_version(self) -> Version:
        return next(iter(self.versions.values()))


@dataclass(frozen=True)
class Language:
    code: str
    name: str                       # the language's own name, e.g. "中文"
    strings: dict                   # interface strings


@dataclass(frozen=True)
class Site:
    root: Path
    title: dict
    description: dict
    base_url: str
    languages: tuple[Language, ...]
    conference: dict
    source: dict
    raw: dict = field(repr=False)

    @property
    def lang_codes(self) -> list[str]:
        return [lang.code for lang in self.languages]

    def language(self, code: str) -> Language:
        return next(lang for lang in self.languages if lang.code == code)


@dataclass(frozen=True)
class Part:
    key: str
    label: dict
    count: float | None
    share: float | None             # computed from counts, or given in percent when no counts exist


@dataclass(frozen=True)
class Breakdown:
    id: str
    title: dict
    year: int | None
    total: float | None
    partial: bool
    unit: str                       # "count" or "percent"
    rate_of: str | None
    note: dict
    parts: tuple[Part, ...]


@dataclass(frozen=True)
class Statistics:
    source: dict
    history: tuple[dict, ...]
    breakdowns: tuple[Breakdown, ...]
    declared: frozenset = frozenset()   # every breakdown id written, including those with errors

    def breakdown(self, bid: str) -> Breakdown | None:
        return next((b for b in self.breakdowns if b.id == bid), None)

    def year(self, year: int) -> dict:
        return next((row for row in self.history if row.get("year") == year), {})


@dataclass(frozen=True)
class Content:
    """Everything loaded from content/, before rendering."""

    site: Site
    entries: dict[str, dict[str, Entry]]    # kind -> slug -> entry, sorted
    statistics: Statistics | None
    oral_tracks: tuple[dict, ...]
    corrections: tuple[dict, ...]
    reference_data: dict                    # normalised title -> record (official list)

    def kind(self, kind: str) -> list[Entry]:
        return list(self.entries.get(kind, {}).values())
