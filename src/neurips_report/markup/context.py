"""What the Markdown extensions need to know about the page being converted."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable


@dataclass
class PageContext:
    lang: str
    path: Path
    body: str
    body_line: int
    strings: dict
    cite_label: Callable[[str, str, bool], str | None]   # (key, lang, narrative) -> text, None if unknown
    bib_href: Callable[[str], str]                       # key -> URL of its bibliography entry
    resolve: Callable[[str, str], str | None]            # (kind, slug) -> URL, None if unknown
    asset: Callable[[str], str | None] | None = None     # name under static/ -> URL, None if missing
    slugs: Callable[[str], tuple] | None = None          # kind -> the slugs a link may name (for hints)
    problems: list = field(default_factory=list)         # (line, message, hint, about): see Problems.error
    cited: list = field(default_factory=list)            # keys, in order of appearance
    links: list = field(default_factory=list)            # (kind, slug) of internal links
    editor_notes: int = 0
    cite_labels: dict = field(default_factory=dict)      # (key, narrative) -> cite_label's answer, asked once

    def line_of(self, needle: str) -> int:
        """Line in the file of the first occurrence of needle in the body."""
        index = self.body.find(needle)
        return self.body_line + (self.body.count("\n", 0, index) if index >= 0 else 0)

    def problem(self, needle: str, message: str, hint: str = "", about: tuple = ()) -> None:
        self.problems.append((self.line_of(needle), message, hint, about))
