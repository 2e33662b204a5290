"""Problems found in sources: collected, sorted and printed together."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path

from .kinds import BY_FOLDER
from .sources import entry_source


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one source file, reported as ``path:line: message``."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"
    about: tuple = field(default=(), compare=False)   # what it is about, a name of Problems.broken's vocabulary

    def format(self) -> str:
        text = f"{self.path}:{self.line}: {self.severity}: {self.message}"
        if self.hint:
            text += f"\n    hint: {self.hint}"
        return text

    def as_dict(self) -> dict:
        return {"path": self.path, "line": self.line, "severity": self.severity,
                "message": self.message, "hint": self.hint}


@dataclass
class Problems:
    """Collects every problem of a run; never stops at the first."""

    root: Path
    items: list[Problem] = field(default_factory=list)
    # names that are unknown only because the file defining them could not be loaded (see mark_broken):
    # ("entry", kind, slug, lang), with "*" for every slug or language; ("bib", key); ("charts",)
    broken: set = field(default_factory=set)

    def rel(self, path: Path | str) -> str:
        """The path relative to the site, as written (a symlink is named, not its target)."""
        path = Path(path)
        for candidate, root in ((Path(os.path.abspath(path)), Path(os.path.abspath(self.root))),
                                (path.resolve(), self.root.resolve())):
            try:
                return candidate.relative_to(root).as_posix()
            except ValueError:
                continue
        return path.as_posix()

    def error(self, path, line: int, message: str, hint: str = "", about: tuple = ()) -> None:
        """An error; `about` names what other file defines what it is about (see follows_from_broken)."""
        self.items.append(Problem(self.rel(path), max(int(line or 1), 1), message, hint, "error", about))

    def unreadable(self, path, line: int, message: str, hint: str = "") -> None:
        """An error that leaves the whole file unusable: what it defines becomes 'broken' (see mark_broken),
        so that checks across files do not report its consequences as well."""
        self.error(path, line, message, hint)
        name = _defined_by(self.rel(path))
        if name:
            self.broken.add(name)

    def mark_broken(self, *name) -> None:
        """`name` is unknown because its source failed: errors about it elsewhere are not reported."""
        self.broken.add(tuple(name))

    def warning(self, path, line: int, message: str, hint: str = "", about: tuple = ()) -> None:
        self.items.append(Problem(self.rel(path), max(int(line or 1), 1), message, hint, "warning", about))

    @property
    def errors(self) -> list[Problem]:
        """Every error, sorted by path and line, without those that only follow from a broken file."""
        return sorted(set(p for p in self.items if p.severity == "error" and not self.follows_from_broken(p)))

    @property
    def warnings(self) -> list[Problem]:
        return sorted(set(p for p in self.items if p.severity == "warning" and not self.follows_from_broken(p)))

    def follows_from_broken(self, problem: Problem) -> bool:
        """A problem about something unknown only because the file defining it failed to load:

            ("entry", kind, slug, lang or "*")   an entry (in one language, or in any)
            ("bib", key)                         a bibliography entry
            ("citations", key)                   which pages cite a bibliography entry: any page may be the broken one
            ("charts",)                          the charts statistics.yaml declares
        """
        about, broken = problem.about, self.broken
        if not broken or not about:
            return False
        if about in broken:
            return True
        if about[0] == "entry":
            kind, slug, lang = about[1:]
            return any(b[0] == "entry" and b[1] == kind and b[2] in (slug, "*") and (lang == "*" or b[3] in (lang, "*"))
                       for b in broken)
        if about[0] == "bib":
            return ("bib", "*") in broken
        if about[0] == "citations":
            return any(b[0] == "entry" for b in broken)
        return False




def _defined_by(rel: str) -> tuple | None:
    """What an unusable source would have defined, as a name for Problems.broken."""
    source = entry_source(rel)
    if source:
        return ("entry", *source)
    parts = rel.split("/")
    if len(parts) == 2 and parts[0] == "content" and parts[1] in BY_FOLDER:
        return ("entry", parts[1], "*", "*")          # a whole folder
    if rel == "content/statistics.yaml":
        return ("charts",)
    if rel == "content/references.bib":
        return ("bib", "*")
    return None


class BuildFailed(Exception):
    """Raised when a build has errors; carries them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems


def did_you_mean(word: str, choices) -> str:
    """A 'did you mean' hint, or an empty string."""
    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=0.7)
    return f"did you mean '{close[0]}'?" if close else ""
