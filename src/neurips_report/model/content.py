"""The content model: small frozen dataclasses, built once per build.

An entry (Section, Talk, Track, Paper) has its language-neutral front-matter fields as typed attributes,
merged from its language versions (load/entries.py); each Version keeps its own front matter as written
(with line numbers, for messages) and reads its per-language fields (title, summary, ...) from it.
A field given with a bad value is reported when the file is loaded and left at its default here."""

from __future__ import annotations

import dataclasses
import datetime as dt
from dataclasses import dataclass, field
from pathlib import Path
from typing import ClassVar, Iterable, TypeVar

LAST = 10**6                    # the sort position of an entry without an order


@dataclass(frozen=True, slots=True)
class Version:
    """One language version of a content entry (one Markdown file)."""

    lang: str
    path: Path
    meta: dict            # the file's front matter, as written (a yamlfile.Mapping: .lines gives each key's line)
    body: str
    body_line: int

    @property
    def title(self) -> str:
        return self._text("title")

    @property
    def summary(self) -> str:
        return self._text("summary")

    @property
    def affiliation(self) -> str:
        return self._text("affiliation")

    @property
    def updated(self) -> dt.date | None:
        value = self.meta.get("updated")
        return value if isinstance(value, dt.date) else None

    def _text(self, key: str) -> str:
        value = self.meta.get(key, "")
        return value if isinstance(value, str) else ""    # a bad value is reported when the file is loaded

    def line_of(self, key: str) -> int:
        return getattr(self.meta, "lines", {}).get(key, 1)


@dataclass(frozen=True, slots=True)
class Entry:
    """What every kind of entry has: its slug, one version per language (in the site's order) and the
    optional `order` field (required for sections and talks: None there only when missing or bad, an error)."""

    kind: ClassVar[str]             # "sections", "talks", "tracks", "papers": its folder in content/
    slug: str
    versions: dict[str, Version]    # lang -> version
    order: int | None = None        # where the site lists it among its kind

    def first_version(self) -> Version:
        return next(iter(self.versions.values()))

    def version(self, lang: str) -> Version:
        """The version in this language, else the first (a missing translation is reported by the checks)."""
        return self.versions.get(lang) or self.first_version()

    def title(self, lang: str) -> str:
        return self.version(lang).title

    def version_with(self, name: str) -> Version | None:
        """The first version whose front matter writes this field (where a message about it points)."""
        return next((v for v in self.versions.values() if name in v.meta), None)

    def fields(self) -> dict:
        """The language-neutral fields by name (what the entry shows on other pages beside its versions)."""
        return {f.name: getattr(self, f.name) for f in dataclasses.fields(self) if f.name not in ("slug", "versions")}

    @property
    def sort_key(self) -> tuple:
        """Sections and talks: by order, then slug (Track and Paper have their own)."""
        return (self.order or 0, self.slug)


@dataclass(frozen=True, slots=True)
class Section(Entry):
    kind: ClassVar[str] = "sections"
    charts: tuple[str, ...] = ()    # "history" and breakdown ids of statistics.yaml, shown after the text
    lists: str | None = None        # what it lists after its text: talks, tracks, awards or untracked papers


@dataclass(frozen=True, slots=True)
class Talk(Entry):
    kind: ClassVar[str] = "talks"
    speaker: str = ""               # required
    described: bool = True          # False: the report only names the talk
    url: str | None = None


@dataclass(frozen=True, slots=True)
class Track(Entry):
    kind: ClassVar[str] = "tracks"
    number: int | None = None       # the conference's own number for it; without an order it is sorted by this

    @property
    def sort_key(self) -> tuple:
        position = self.order if self.order is not None else self.number if self.number is not None else LAST
        return (position, self.slug)


@dataclass(frozen=True, slots=True)
class Paper(Entry):
    kind: ClassVar[str] = "papers"
    authors: tuple[str, ...] = ()   # required
    type: str | None = None         # required: oral, spotlight or poster
    track: str | None = None        # a track's slug
    bib: str | None = None          # its key in references.bib
    url: str | None = None
    award: str | None = None

    @property
    def sort_key(self) -> tuple:
        """By order, else after those with one; then by title."""
        return (self.order if self.order is not None else LAST, self.first_version().title.casefold(), self.slug)


ENTRY_CLASSES: dict[str, type[Entry]] = {cls.kind: cls for cls in (Section, Talk, Track, Paper)}

E = TypeVar("E", bound=Entry)


def in_order(entries: Iterable[E]) -> list[E]:
    """Entries in the order the site lists them (each kind's sort_key)."""
    return sorted(entries, key=lambda entry: entry.sort_key)


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
    entries: dict[str, dict[str, Entry]]    # kind -> slug -> entry (a Section, Talk, Track or Paper), by slug
    statistics: Statistics | None
    oral_tracks: tuple[dict, ...]
    corrections: tuple[dict, ...]
    reference_data: dict                    # normalised title -> record (official list)

    def kind(self, kind: str) -> list[Entry]:
        """The entries of one kind, by slug."""
        return list(self.entries.get(kind, {}).values())

    def ordered(self, kind: str) -> list[Entry]:
        """The entries of one kind in the order the site lists them."""
        return in_order(self.kind(kind))
