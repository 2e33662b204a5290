"""Problems found in sources: collected, sorted and printed together."""

from __future__ import annotations

import difflib
import os
from dataclasses import dataclass, field
from pathlib import Path


@dataclass(frozen=True, order=True)
class Problem:
    """One problem in one source file, reported as ``path:line: message``."""

    path: str
    line: int
    message: str
    hint: str = ""
    severity: str = "error"  # "error" or "warning"

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
    unusable: set = field(default_factory=set)   # sources that could not be read or parsed at all

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

    def error(self, path, line: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(self.rel(path), max(int(line or 1), 1), message, hint))

    def unreadable(self, path, line: int, message: str, hint: str = "") -> None:
        """An error that leaves the whole file unusable: checks across files would only report its consequences."""
        self.error(path, line, message, hint)
        self.unusable.add(self.rel(path))

    def warning(self, path, line: int, message: str, hint: str = "") -> None:
        self.items.append(Problem(self.rel(path), max(int(line or 1), 1), message, hint, "warning"))

    @property
    def errors(self) -> list[Problem]:
        return sorted(set(p for p in self.items if p.severity == "error"))

    @property
    def warnings(self) -> list[Problem]:
        return sorted(set(p for p in self.items if p.severity == "warning"))


class BuildFailed(Exception):
    """Raised when a build has errors; carries them all."""

    def __init__(self, problems: list[Problem]):
        super().__init__(f"{len(problems)} error(s)")
        self.problems = problems


def did_you_mean(word: str, choices) -> str:
    """A 'did you mean' hint, or an empty string."""
    close = difflib.get_close_matches(str(word), sorted(map(str, choices)), n=1, cutoff=0.6)
    return f"did you mean '{close[0]}'?" if close else ""
