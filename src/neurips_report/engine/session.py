"""A site kept in memory between builds (for `serve`): each rebuild is pipeline.run given the state the
last good run left and the files changed since, so it redoes only what the change touches (see the
pipeline's docstring). No second copy of any stage lives here: only which files changed."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..core import process
from ..core.cache import walk_files
from .pipeline import WATCHED, Options, State, run


@dataclass
class Report:
    full: bool
    rendered: int
    seconds: float
    edited: list = field(default_factory=list)      # the site-relative paths of the files this rebuild took in


def snapshot(root: Path) -> dict[str, list[int]]:
    """rel path -> [size, mtime_ns] of every watched source file (of a linked file, its target's)."""
    result = {}
    for name in WATCHED:
        for rel, entry in walk_files(root / name):
            try:
                st = os.stat(entry.path)
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                result[f"{name}/{rel}"] = [st.st_size, st.st_mtime_ns]
    return result


class SiteSession:
    """A full build once, then rebuilds from the last good state."""

    def __init__(self, options: Options):
        self.options = options
        self.root = options.site_root.resolve()
        self.out = options.output()
        self.state: State | None = None
        self.seen: dict = {}
        self.unbuilt: set = set()       # changed files not yet in a successful build

    @property
    def loaded(self):
        return self.state.loaded if self.state is not None else None

    @property
    def pages(self) -> list:
        return self.state.pages if self.state is not None else []

    # -- entry points -------------------------------------------------------------------------
    def full(self) -> Report:
        seen = snapshot(self.root)
        result, self.state = run(self.options)
        self.seen, self.unbuilt = seen, set()
        # the site model lives as long as the session: leave it out of the collector's full passes, which
        # would otherwise walk millions of objects at random moments of later rebuilds (~1 s at 5,000 papers)
        process.keep()
        getattr(self.state.loaded.resolved.converter, "md", None)     # Markdown set up now, not on the first edit
        return Report(True, result.pages, result.seconds)

    def rebuild(self) -> Report:
        """Rebuild after whatever changed on disk since the last good build. The search index is not
        made again here: call reindex() for that (serve does it in the background)."""
        seen = snapshot(self.root)
        self.unbuilt |= {k for k in set(seen) | set(self.seen) if seen.get(k) != self.seen.get(k)}
        self.seen = seen
        return self._rebuild()

    def rebuild_changed(self, paths: list[Path]) -> Report:
        """Rebuild after changes a file watcher reported: only these paths are looked at (no walk of
        the tree); a folder event, or anything unclear, falls back to rebuild()."""
        if self.state is None:
            return self.full()
        for path in paths:
            try:
                rel = Path(path).resolve().relative_to(self.root).as_posix()
            except ValueError:
                return self.rebuild()              # outside the site (e.g. the default theme)
            if rel.split("/")[0] not in WATCHED:
                continue
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if (st is None and rel not in self.seen) or (st is not None and not stat.S_ISREG(st.st_mode)):
                return self.rebuild()              # a folder, or a file that came and went
            now = [st.st_size, st.st_mtime_ns] if st is not None else None
            if self.seen.get(rel) != now:
                self.unbuilt.add(rel)
                if now is None:
                    self.seen.pop(rel, None)
                else:
                    self.seen[rel] = now
        return self._rebuild()

    def rebuild_paths(self, paths: list[Path]) -> Report:
        """Rebuild after changes to these files (whether or not their times changed)."""
        self.unbuilt |= {Path(p).resolve().relative_to(self.root).as_posix() for p in paths}
        return self._rebuild()

    def _rebuild(self) -> Report:
        if self.state is None:
            return self.full()
        if not self.unbuilt:
            return Report(False, 0, 0.0)
        start = time.perf_counter()
        edited = sorted(self.unbuilt)
        result, self.state = run(self.options, self.state, edited)    # raises BuildFailed: kept for the next try
        self.unbuilt = set()
        return Report(result.full, result.rendered, time.perf_counter() - start, edited)

    def reindex(self) -> None:
        """The search index of the output, made again (a full build makes it with the pages)."""
        from .search import reindex_site
        reindex_site(self.out)


__all__ = ["SiteSession", "Report", "snapshot"]
