"""A site kept in memory between builds (for `serve`): a change re-renders only the pages
that show what changed, found through each page's `deps` (see pages.py)."""

from __future__ import annotations

import os
import stat
import time
from dataclasses import dataclass, field, replace
from pathlib import Path

from .bib.bibliography import Bibliography
from .bib.database import load_bib
from .check import run_checks
from .check.usage import check_corrections, check_unused_references
from . import fragments, process
from .errors import BuildFailed, Problems
from .load.entries import NAME_RE, load_kind_files
from .pages import PagePlanner, excerpt_of, text_of
from .pipeline import Loaded, Options, build_state, plan_pages, render_pages, static_files
from .resolve import Resolved, convert_version, collect_citations
from .schema import KINDS
from .urls import Urls

WATCHED = ("content", "templates", "static")


@dataclass
class Report:
    full: bool
    rendered: int
    seconds: float
    changed: list = field(default_factory=list)


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """rel path -> (mtime_ns, size) of every watched source file."""
    result = {}
    for name in WATCHED:
        folder = root / name
        if not folder.is_dir():
            continue
        for dirpath, dirnames, filenames in os.walk(folder):
            dirnames.sort()
            for filename in sorted(filenames):
                path = os.path.join(dirpath, filename)
                try:
                    st = os.stat(path)
                except OSError:
                    continue
                result[os.path.relpath(path, root)] = (st.st_mtime_ns, st.st_size)
    return result


class SiteSession:
    """Full build once, then incremental rebuilds from the last good state."""

    def __init__(self, options: Options):
        self.options = options
        self.root = options.site_root.resolve()
        self.out = (options.out or options.site_root / "public").resolve()
        self.loaded: Loaded | None = None
        self.theme = None
        self.pages: list = []
        self.seen: dict = {}
        self.unbuilt: set = set()       # changed files not yet in a successful build (rebuild_changed)

    # -- entry points -------------------------------------------------------------------------
    def full(self) -> Report:
        start = time.perf_counter()
        seen = snapshot(self.root)
        result, loaded, theme, pages = build_state(self.options)   # and the in-memory state matching what was written
        self.loaded, self.theme, self.seen, self.pages = loaded, theme, seen, pages
        self.unbuilt = set()
        # the site model lives as long as the session: leave it out of the collector's full passes, which
        # would otherwise walk millions of objects at random moments of later rebuilds (~1 s at 5,000 papers)
        process.keep()
        getattr(loaded.resolved.converter, "md", None)      # Markdown set up now, not on the first edit
        return Report(True, result.pages, time.perf_counter() - start)

    def rebuild(self, search: bool = True) -> Report:
        """Rebuild after whatever changed on disk since the last good build (`search`: index the
        site again too, when the options ask for search; serve does that in the background)."""
        seen = snapshot(self.root)
        changed = sorted({k for k in set(seen) | set(self.seen) if seen.get(k) != self.seen.get(k)} | self.unbuilt)
        report = self.rebuild_paths([self.root / c for c in changed], search) if changed else Report(False, 0, 0.0)
        self.seen, self.unbuilt = seen, set()
        return report

    def rebuild_changed(self, paths: list[Path], search: bool = True) -> Report:
        """Rebuild after changes a file watcher reported: only these paths are looked at (no walk of
        the tree); a folder event, or anything unclear, falls back to rebuild()."""
        if self.loaded is None:
            return self.full()
        for path in paths:
            try:
                rel = Path(path).resolve().relative_to(self.root).as_posix()
            except ValueError:
                return self.rebuild(search)              # outside the site (e.g. the default theme)
            if rel.split("/")[0] not in WATCHED:
                continue
            try:
                st = os.stat(path)
            except OSError:
                st = None
            if (st is None and rel not in self.seen) or (st is not None and not stat.S_ISREG(st.st_mode)):
                return self.rebuild(search)              # a folder, or a file that came and went
            now = (st.st_mtime_ns, st.st_size) if st is not None else None
            if self.seen.get(rel) != now:
                self.unbuilt.add(rel)
                if now is None:
                    self.seen.pop(rel, None)
                else:
                    self.seen[rel] = now
        if not self.unbuilt:
            return Report(False, 0, 0.0)
        report = self.rebuild_paths([self.root / rel for rel in sorted(self.unbuilt)], search)
        self.unbuilt.clear()                             # kept after a failure: the next change retries them
        return report

    def rebuild_paths(self, paths: list[Path], search: bool = True) -> Report:
        start = time.perf_counter()
        if self.loaded is None:
            return self.full()
        rels = [p.resolve().relative_to(self.root).as_posix() for p in paths]
        entry_files = [r for r in rels if _entry_file(r)]
        others = [r for r in rels if r not in entry_files]
        if any(r != "content/references.bib" for r in others):
            report = self.full()
            report.changed = rels
            return report
        result = self._incremental(entry_files, "content/references.bib" in others)
        if result is None:
            report = self.full()
            report.changed = rels
            return report
        if search and self.options.search and result:
            self.reindex()
        return Report(False, result, time.perf_counter() - start, rels)

    def reindex(self) -> None:
        """The search index of the output, made again (a full build makes it with the pages)."""
        from .search import reindex_site
        reindex_site(self.out)

    # -- the incremental path ---------------------------------------------------------------
    def _incremental(self, entry_files: list[str], bib_changed: bool) -> int | None:
        """Re-render what the change touches; None when a full build is needed instead."""
        old = self.loaded
        problems = Problems(self.root)
        content = old.content
        entries = {kind: dict(items) for kind, items in content.entries.items()}
        triggers: set = set()
        touched = sorted({tuple(r.split("/")[1:3]) for r in entry_files})
        for kind, filename in touched:
            slug = NAME_RE.match(filename)["slug"] if NAME_RE.match(filename) else None
            if slug is None or slug not in entries[kind]:
                return None                                      # a new entry: the site's structure changes
            files = sorted((self.root / "content" / kind).glob(f"{slug}.*.md"))
            fresh = load_kind_files(kind, self.root / "content", files, content.site.lang_codes, problems)
            if slug not in fresh or set(fresh[slug].versions) != set(entries[kind][slug].versions):
                # a language version appeared or vanished, or a file no longer loads: the full build
                # reports every problem of every stage, not just this file's
                return None
            before, after = entries[kind][slug], fresh[slug]
            if kind == "sections" and _nav_key(before) != _nav_key(after):
                return None                                      # every page's menu changes
            entries[kind][slug] = after
            if kind == "papers" and before.track != after.track:
                triggers |= {("track-members", before.track), ("track-members", after.track)}
        content = replace(content, entries=entries)
        bibliography = old.bibliography
        relabelled: set = set()
        if bib_changed:
            bibliography = Bibliography(load_bib(self.root / "content" / "references.bib", problems),
                                        old.bibliography.store)
            if set(bibliography.entries) != set(old.bibliography.entries):
                triggers.add(("bib", "*"))
            for key in set(bibliography.entries) | set(old.bibliography.entries):
                if bibliography.bibtex(key) != old.bibliography.bibtex(key):
                    triggers |= {("bib", key), ("bib", "*")}
                if old.bibliography.labels.get(key) != bibliography.labels.get(key):
                    relabelled.add(key)
        run_checks(content, bibliography, problems)
        resolved, redone = self._reconvert(old, content, bibliography, touched, relabelled, problems)
        check_corrections(content, resolved, problems)
        check_unused_references(bibliography, resolved, content, problems)
        if problems.errors:
            raise BuildFailed(problems.errors + problems.warnings)
        for kind, slug in redone:
            triggers.add((kind, slug))
            if _view(old.content, old.resolved, kind, slug) != _view(content, resolved, kind, slug):
                triggers |= {(kind + ".view", slug), (kind, "*")}
        if resolved.citations != old.resolved.citations:
            triggers.add(("citations", "*"))
        loaded = Loaded(content, bibliography, resolved, old.urls, problems, old.cache)
        pages = self._replan(loaded, triggers, {slug for kind, slug in redone if kind == "papers"})
        if pages is None:
            return None
        dirty = [p for p in pages if p.deps & triggers]
        fragments.clear(self.theme.env)                # what they show may have changed with the content
        files = render_pages(loaded, self.theme, dirty, pages)
        if bib_changed:
            files.update({k: v for k, v in static_files(loaded, self.theme).items() if k == "references.bib"})
        for rel, data in sorted(files.items()):
            _replace_file(self.out / rel, data)
        self.loaded, self.pages = loaded, pages
        return len(dirty)

    def _replan(self, loaded: Loaded, triggers: set, changed_papers: set) -> list | None:
        """The site's pages after the change: only the groups of affected pages are planned again when
        the change shows nowhere but in them (no listing, count, citation or reference changed);
        None when the pages themselves (their paths) changed."""
        structural = any(t[1] == "*" or t[0] == "track-members" for t in triggers)
        affected = {(p.lang, p.group) for p in self.pages if p.deps & triggers}
        if structural or any(group.startswith("global:") or not group for _, group in affected):
            pages = plan_pages(loaded)
            return pages if [p.rel for p in pages] == [p.rel for p in self.pages] else None
        fresh: dict = {}
        for lang in sorted({lang for lang, _ in affected}):
            cards = {p.group[len("paper:"):]: p.context["paper"] for p in self.pages
                     if p.lang == lang and p.group.startswith("paper:") and p.group[len("paper:"):] not in changed_papers}
            planner = PagePlanner(loaded.content, loaded.bibliography, loaded.resolved, loaded.urls, lang, cards)
            for page in planner.replan({group for page_lang, group in affected if page_lang == lang}):
                fresh[page.lang, page.group, page.rel] = page
        if set(fresh) != {(p.lang, p.group, p.rel) for p in self.pages if (p.lang, p.group) in affected}:
            return None
        return [fresh.get((p.lang, p.group, p.rel), p) for p in self.pages]

    def _reconvert(self, old, content, bibliography, touched, relabelled, problems) -> tuple[Resolved, list]:
        """Bodies after the change, and the (kind, slug) converted again."""
        bodies = dict(old.resolved.bodies)
        redo = {(kind, NAME_RE.match(name)["slug"]) for kind, name in touched}
        if relabelled:
            redo |= {(kind, slug) for (kind, slug, _), body in bodies.items() if set(body.cited) & relabelled}
        for kind, slug in sorted(redo):
            entry = content.entries[kind][slug]
            for lang, version in entry.versions.items():
                bodies[(kind, slug, lang)] = convert_version(old.resolved.converter, content, bibliography, old.urls,
                                                            version, problems)
        resolved = Resolved(bodies=bodies, citations=collect_citations(bodies), converter=old.resolved.converter)
        return resolved, sorted(redo)


def _view(content, resolved, kind: str, slug: str) -> tuple:
    """What pages other than the entry's own show of it (see pages.py): front matter, titles and
    excerpts in every language."""
    entry = content.entries[kind][slug]
    texts = []
    for lang, version in sorted(entry.versions.items()):
        body = resolved.bodies.get((kind, slug, lang))
        html = body.html if body else ""
        texts.append((lang, dict(version.meta), text_of(html), text_of(html, 240),
                      excerpt_of(html, version.summary)))
    return entry.fields(), texts


def _entry_file(rel: str) -> bool:
    parts = rel.split("/")
    return len(parts) == 3 and parts[0] == "content" and parts[1] in KINDS and parts[2].endswith(".md")


def _nav_key(entry) -> tuple:
    return (entry.order, tuple(sorted((lang, v.title) for lang, v in entry.versions.items())))


def _replace_file(path: Path, data: bytes) -> None:
    """Write one output file atomically (temp file + rename)."""
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    os.replace(tmp, path)


__all__ = ["SiteSession", "Report", "snapshot", "Urls"]
