"""The build, top to bottom: load -> check -> resolve -> plan -> render -> write.

One pipeline for every way the site is built: a cold `build`, a warm one (the same stages, with the
caches of core/cache.py), and each rebuild of `serve`, which gives `run` the state the previous run left
(`State`) and the files that changed since. Given a change, each stage redoes only what the change
touches: the loader reads the changed files, the checks look at the changed entries, bodies whose
text and recorded inputs are unchanged are kept, and only the groups of pages and the pages whose
recorded dependencies (core/recording.py) meet the changed tokens (changes.py) are planned and rendered again.
tests/test_incremental_state.py proves the result equal, byte for byte, to a cold build.
"""

from __future__ import annotations

import os
import shutil
import time
from dataclasses import dataclass, field, fields as dataclass_fields, replace
from pathlib import Path
from typing import NamedTuple

from ..theme.assets import plan_assets
from ..bib.bibliography import Bibliography
from ..bib.database import load_bib
from ..check import run_checks
from ..check.usage import check_corrections, check_unused_references
from ..model.problems import BuildFailed, Problem, Problems
from ..model.sources import entry_files, entry_source
from ..load import load_content
from ..load.entries import load_kind_files
from ..site.pages import PagePlanner
from ..core.formatting import count
from ..core.progress import Silent
from ..theme.environment import TemplateProblem, check_templates, make_environment, render_template
from ..site.resolve import resolve
from ..site.contexts import global_groups, global_pages, page_context, page_summary
from ..theme.folders import theme_dirs
from ..model.urls import Urls
from ..theme import fragments
from ..core.cache import template_bytecode_cache, BuildCache, Manifest, bytes_digest, fingerprint, folder_digest, tree_stats
from .changes import bib_changes, body_changes, file_tokens, model_changes, site_key, source_kind
from ..core.recording import Memo, recording, touches
from ..core.workers import fork_map
from .write import check_output, keep_or_write, link_or_write, recycle_tree, remove_stale, replace_file, staging_dir, swap_in, \
    write_file
from ..core import process
from ..site.downloads import citation_files, exported, touched as downloads_touched

WATCHED = ("content", "templates", "static")


@dataclass
class Options:
    site_root: Path
    out: Path | None = None
    base_url: str | None = None
    search: bool = False          # run Pagefind over the output
    pdf: bool = False             # typeset each language's PDF edition (site/pdf.py)
    paper: str = "a4"             # its paper size: a4 or letter
    cache: bool = True            # reuse unchanged results of earlier builds (see core/cache.py)
    cache_dir: Path | None = None  # default: <site>/.cache

    def build_cache(self) -> BuildCache:
        if not self.cache:
            return BuildCache(None)
        return BuildCache((self.cache_dir or self.site_root / ".cache").resolve())

    def output(self) -> Path:
        return (self.out or self.site_root / "public").resolve()


@dataclass
class Loaded:
    """The checked, resolved model of one run."""
    content: object
    bibliography: Bibliography
    resolved: object
    urls: Urls
    problems: Problems
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    memo: Memo = field(default_factory=Memo, repr=False)   # cards, shared contexts (core/recording.py Memo)
    pdf: bool = False       # the build writes the PDF editions (the pages link them)


@dataclass
class Theme:
    template_dirs: tuple           # the site's own templates/ (if any), then the bundled theme's
    env: object
    assets: dict            # static name -> (source path, hashed output path)


@dataclass
class State:
    """What a run leaves for the next one (serve keeps it between rebuilds)."""
    loaded: Loaded
    theme: Theme
    pages: list
    groups: dict            # lang -> (group names in site order, what listing them used)
    grouped: dict           # (lang, group name) -> its pages (lang None: the pages outside the languages)
    files: frozenset        # every output file written (rel paths)


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list = field(default_factory=list)
    rendered: int = 0
    full: bool = True        # every stage ran over everything (no earlier state was given)


# -- the stages ------------------------------------------------------------------------------------------
def load(options: Options, problems: Problems, cache: BuildCache, previous: State | None, edited):
    """content, bibliography: read again only the changed files when `previous` is given and only
    entry files, the bibliography, templates or static files changed; everything otherwise."""
    root = options.site_root.resolve()
    content_dir = root / "content"
    if previous is not None and edited is not None and all(source_kind(r) != "other" for r in edited):
        old = previous.loaded
        content, bibliography = old.content, old.bibliography
        slugs = sorted({entry_source(r)[:2] for r in edited if source_kind(r) == "entry"})
        if slugs:
            entries = {kind: dict(items) for kind, items in content.entries.items()}
            for kind, slug in slugs:
                fresh = load_kind_files(kind, content_dir, entry_files(root, kind, slug), content.site.lang_codes,
                                        problems, cache.store("frontmatter") if cache.directory else None)
                if slug in fresh:
                    entries[kind][slug] = fresh[slug]
                else:
                    entries[kind].pop(slug, None)
            content = replace(content, entries={kind: dict(sorted(items.items())) for kind, items in entries.items()})
        if "content/references.bib" in edited:
            bibliography = _load_bibliography(content_dir, problems, cache)
        if not problems.errors:
            return content, bibliography
        problems.items.clear()          # a file that no longer loads: the full load reports everything
        problems.broken.clear()
    content = load_content(content_dir, problems, cache.store("frontmatter") if cache.directory else None)
    bibliography = _load_bibliography(content_dir, problems, cache)
    if content is None:           # site.yaml is unusable: what could be read of the rest was checked
        raise BuildFailed(problems.errors + problems.warnings)
    return content, bibliography


def _load_bibliography(content_dir: Path, problems: Problems, cache: BuildCache) -> Bibliography:
    return Bibliography(load_bib(content_dir / "references.bib", problems, cache.store("bib")), cache.store("references"))


def load_theme(root: Path, problems: Problems) -> Theme:
    """Compile every template once; raises BuildFailed on syntax errors."""
    template_dirs = theme_dirs(root, "templates")
    env = make_environment(template_dirs)
    env.bytecode_cache = template_bytecode_cache()
    if not check_templates(env, template_dirs, problems):
        raise BuildFailed(problems.errors)
    return Theme(template_dirs, env, plan_assets(theme_dirs(root, "static")))


def plan(loaded: Loaded, previous: State | None, changed: set) -> tuple[list, dict, dict, set, set]:
    """(pages, groups, pages by group, the URL paths of the pages planned again, the changed tokens): with
    `previous`, a group of pages is planned again only if what it used changed; the list of groups itself
    only if what listing them used changed. The tokens it returns are `changed` and ("pages", lang) for
    each language whose pages changed what feeds and sitemaps show of them."""
    changed = set(changed)
    pages, groups, grouped, fresh = [], {}, {}, set()
    old_grouped = previous.grouped if previous is not None else {}
    for lang in loaded.content.site.lang_codes:
        planner = PagePlanner(loaded.content, loaded.bibliography, loaded.resolved, loaded.urls, lang, loaded.memo)
        old = previous.groups.get(lang) if previous is not None else None
        if old is None or touches(old[1], changed):
            with recording() as used:
                names = planner.group_names()
            groups[lang] = (names, frozenset(used))
            if old is not None and names != old[0]:
                changed.add(("pages", lang))
        else:
            groups[lang] = old
        for name in groups[lang][0]:
            kept = old_grouped.get((lang, name))
            if not kept or touches(kept[0].deps_planned, changed):
                made = planner.replan([name])
                fresh.update(page.rel for page in made)
                if kept is not None and [page_summary(p) for p in kept] != [page_summary(p) for p in made]:
                    changed.add(("pages", lang))
                kept = made
            grouped[lang, name] = kept
            pages += kept
    site = loaded.content.site
    wanted = {group for group in global_groups(site)
              if (None, group) not in old_grouped or touches(old_grouped[None, group][0].deps_planned, changed)}
    made = {page.group: page for page in global_pages(loaded, pages, only=wanted)}
    fresh.update(page.rel for page in made.values())
    for group in global_groups(site):
        grouped[None, group] = [made[group]] if group in made else old_grouped[None, group]
        pages += grouped[None, group]
    return pages, groups, grouped, fresh, changed


def render_pages(loaded: Loaded, theme: Theme, pages: list, write, reuse=None, progress=None) -> list[tuple]:
    """Render pages (spread over the CPU cores) and hand each to `write(rel, data, used)`, which may
    answer a note to keep. Returns, per page, (rel, what rendering it used, the note). `reuse(page,
    context)` may instead answer (rel, used, note) for a page whose earlier output is still right.
    Raises BuildFailed on template errors."""
    problems, root = loaded.problems, loaded.content.site.root
    progress = progress or Silent()

    def one(page):
        with recording() as used:
            context = page_context(page, loaded, theme.assets)
            kept = reuse(page, context) if reuse is not None else None
            if kept is not None:
                return kept + (None,)
            try:
                html = render_template(theme.env, page.template, context, theme.template_dirs)
            except TemplateProblem as exc:
                return Urls.output_file(page.rel), None, None, (exc.path, exc.line, exc.message, exc.hint)
        rel = Urls.output_file(page.rel)
        used = frozenset(used)
        return rel, used, write(rel, html.encode("utf-8"), used), None

    html = page_count(Urls.output_file(page.rel) for page in pages)
    others = f" and {count(len(pages) - html, 'other file')}" if len(pages) > html else ""
    progress.stage(f"rendering and writing {count(html, 'page')}{others}", total=len(pages))
    tokens: dict = {}

    def one_token_object(result):
        # the tokens come back from the workers as copies, one per page: keep one object of each
        rel, used, note, error = result
        progress.advance()
        return rel, used and frozenset(tokens.setdefault(token, token) for token in used), note, error

    results = fork_map(one, pages, min_items=200, then=one_token_object)
    for *_, error in results:
        if error:
            path, line, message, hint = error
            problems.error(root / path, line, message, hint)
    if problems.errors:
        raise BuildFailed(problems.errors)
    for page, (_, used, _, _) in zip(pages, results):
        page.deps_rendered = used
    return [(rel, used, note) for rel, used, note, _ in results]


def page_count(rels) -> int:
    """How many of these output files are pages (HTML); the others are feeds, the sitemap, assets..."""
    return sum(1 for rel in rels if rel.endswith(".html"))


def static_files(loaded: Loaded, theme: Theme, exports: bool = True) -> dict[str, bytes]:
    """The theme's static files and the citation files (site/downloads.py; the RIS and CSL-JSON exports
    unless `exports` is false)."""
    files = {target: source.read_bytes() for source, target in theme.assets.values()}
    files.update(citation_files(loaded.content, loaded.bibliography, exports))
    return files


# -- one run --------------------------------------------------------------------------------------------
def run(options: Options, previous: State | None = None, edited: list[str] | None = None,
        progress=None) -> tuple[BuildResult, State]:
    """Build the site. Without `previous`: everything, into a new tree that replaces the output in one
    step. With `previous` (the state an earlier run returned) and `edited` (site-relative paths of the
    source files changed since): only what the change touches, written into the output in place."""
    with process.build_policy():
        return _run(options, previous, edited, progress or Silent())


def changes(previous: State, content, bibliography, edited) -> tuple[set, set, set | None]:
    """(the changed tokens, the edited bodies as (kind, slug, lang), the scope of the checks) between the
    previous run's model and this one's: the checks look at the edited entries only, unless an entry, a
    key or a data file came or went (scope None: everything)."""
    old = previous.loaded
    changed, edited_bodies = model_changes(old.content, content)
    changed |= bib_changes(old.bibliography, bibliography) | file_tokens(edited or ())
    scope = None
    if not any(t[0] in ("data", "i18n") or _appeared_or_went(t, old, content, bibliography) for t in changed):
        scope = {(t[0], t[1]) for t in changed if t[0] in content.entries} \
            | {(kind, slug) for kind, slug, _ in edited_bodies} | {t for t in changed if t[0] == "bib"}
    return changed, edited_bodies, scope


def check_and_resolve(options: Options, content, bibliography, problems: Problems, cache: BuildCache,
                      previous_resolved=None, changed: frozenset = frozenset(), edited_bodies: frozenset = frozenset(),
                      scope=None, progress=None):
    """check -> resolve -> the checks that need the bodies: (resolved, urls); raises BuildFailed with every
    error. With `previous_resolved`, bodies untouched by `changed` and not among `edited_bodies` are kept."""
    run_checks(content, bibliography, problems, scope)
    urls = Urls(options.base_url or content.site.base_url)
    resolved = resolve(content, bibliography, urls, problems,
                       store=cache.store("bodies") if cache.directory else None,
                       previous=previous_resolved, changed=changed, edited_bodies=edited_bodies,
                       progress=progress)
    check_corrections(content, resolved, problems)
    check_unused_references(bibliography, resolved, content, problems)
    if problems.errors:
        raise BuildFailed(problems.errors + problems.warnings)
    return resolved, urls


def _run(options, previous, edited, progress):
    start = time.perf_counter()
    root = options.site_root.resolve()
    problems = Problems(root)
    cache = previous.loaded.cache if previous is not None else options.build_cache()
    progress.stage("loading and checking")
    content, bibliography = load(options, problems, cache, previous, edited)
    if previous is not None and site_key(previous.loaded.content.site) != site_key(content.site):
        previous = None                      # site.yaml changed: everything may have, so the run is a cold one
    if previous is None:
        resolved, urls = check_and_resolve(options, content, bibliography, problems, cache, progress=progress)
        changed = set()
    else:
        changed, edited_bodies, scope = changes(previous, content, bibliography, edited)
        resolved, urls = check_and_resolve(options, content, bibliography, problems, cache, previous.loaded.resolved,
                                           frozenset(changed), frozenset(edited_bodies), scope,
                                           progress=progress)
        changed |= body_changes(previous.loaded.resolved, resolved)
    bibliography.prepare(content.site.lang_codes)       # every language in one pass over the cores
    memo = previous.loaded.memo if previous is not None else Memo()
    memo.forget(changed)
    loaded = Loaded(content, bibliography, resolved, urls, problems, cache, memo, pdf=options.pdf)
    if previous is None:
        process.settle()                     # the site model lives until the build ends
    theme = previous.theme if previous is not None and not any(t[0] in ("template", "static") for t in changed) \
        else load_theme(root, problems)
    if previous is not None and theme is previous.theme:
        fragments.clear(theme.env)
    pages, groups, grouped, fresh, changed = plan(loaded, previous, changed)
    out = options.output()
    if previous is None:
        files, rendered = _write_tree(loaded, theme, pages, options, out, progress)
    else:
        files, rendered = _write_in_place(loaded, theme, pages, fresh, changed, previous, out)
    progress.done()
    result = BuildResult(page_count(files), len(files), time.perf_counter() - start, problems.warnings, rendered,
                         full=previous is None)
    return result, State(loaded, theme, pages, groups, grouped, frozenset(files))


def _appeared_or_went(token, old: Loaded, content, bibliography) -> bool:
    name, key = token[0], token[1]
    if name in content.entries:
        return (key in old.content.entries.get(name, {})) != (key in content.entries[name])
    if name == "bib":
        return (key in old.bibliography.entries) != (key in bibliography.entries)
    return False


def _write_in_place(loaded, theme, pages, fresh, changed, previous, out) -> tuple[set, int]:
    """Render what the change touches straight into the live output, one file at a time (each replaced
    atomically), and remove the files no page or static file makes any more."""
    todo = [page for page in pages if page.rel in fresh or page.touched_by(changed)]
    # the edited entries' own pages (and the papers citing an edited reference) first: the page an editor is
    # looking at is written soonest
    own = {(t[1][0], t[1][1]) for t in changed if t[0] == "body:html"} | {t for t in changed if t[0] in loaded.content.entries}
    bib = {t for t in changed if t[0] == "bib"}
    todo.sort(key=lambda page: 0 if page.group.startswith("paper:") and (("papers", page.group[6:]) in own
                                                                          or page.touched_by(bib)) else 1)
    render_pages(loaded, theme, todo, lambda rel, data, used: replace_file(out / rel, data))
    # the exports are made again only when an entry, a paper or the pages changed (thousands at 5,000 papers)
    exports = downloads_touched(changed)
    statics = static_files(loaded, theme, exports)
    for rel, data in statics.items():          # compared with what is there
        if rel not in previous.files or _read_or_none(out / rel) != data:
            replace_file(out / rel, data)
    if exports:
        files = {Urls.output_file(page.rel) for page in pages} | set(statics)
    elif any(t[0] in ("pages", "static") for t in changed):
        files = {Urls.output_file(page.rel) for page in pages} | set(statics) | set(filter(exported, previous.files))
    else:
        files = set(previous.files)          # the same pages and static files as before
    for rel in sorted(previous.files - files):
        try:
            os.unlink(out / rel)
        except OSError:
            pass
        _remove_empty_parents(out, rel)
    return files, len(todo)


def _read_or_none(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _remove_empty_parents(out: Path, rel: str) -> None:
    folder = (out / rel).parent
    while folder != out and folder.is_relative_to(out):
        try:
            folder.rmdir()
        except OSError:
            return
        folder = folder.parent


SHARED_CONTEXT = ("site", "t", "conf", "source")   # the same objects in every page of a language


def _write_tree(loaded, theme, pages, options, out, progress) -> tuple[set, int]:
    """Write the whole site into a staging tree beside the output, then swap it in. A page whose
    template context and templates are exactly those of the last build (same fingerprint, see
    cache.fingerprint) is not rendered again: the previous build's file is hard-linked, after checking
    that its bytes are still the ones that build wrote. The result is the same tree as rendering all."""
    check_output(out, options.site_root)
    staging = staging_dir(out)
    cache = loaded.cache
    # the tree the output replaced last time, kept in the cache, becomes this build's staging tree:
    # its folders (one per page) exist already, and most of its files are the right ones (see recycle_tree)
    spare = cache.directory / "previous-output" if cache.directory else None
    store = cache.store("pages") if cache.directory else None
    try:
        statics = static_files(loaded, theme)
        last = {Urls.output_file(page.rel): i for i, page in enumerate(pages)}   # like a dict: the last page wins
        todo = [page for i, page in enumerate(pages) if last[Urls.output_file(page.rel)] == i]
        if spare is not None:
            recycle_tree(spare, staging, set(last) | set(statics))
        if store is None:
            render_pages(loaded, theme, todo, lambda rel, data, used: write_file(staging, rel, data), None, progress)
        else:
            reuse, write = _page_records(store, theme, out, staging)
            for rel, used, note in render_pages(loaded, theme, todo, write, reuse, progress):
                if note:
                    store.put(rel, note._replace(used=used).stored())
        for rel in sorted(statics):
            keep_or_write(staging, rel, statics[rel])
        editions = []
        if options.pdf:
            from ..site.pdf import write_pdfs
            editions = write_pdfs(loaded, theme, todo, staging, options.paper, progress)
        if options.search:
            from .search import index_site
            progress.stage("indexing for search")
            index_site(staging)
        swap_in(staging, out, keep=spare)
        cache.save()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return set(last) | set(statics) | set(editions), len(todo)


def _page_records(store, theme, out: Path, staging: Path):
    """The fingerprint test of _write_tree, as reuse and write functions for render_pages() (they run in the
    workers): a page whose fingerprint and previous output are those the store remembers is linked
    from the previous output; the store's record of a page is a PageRecord (its `used` added by
    _write_tree, which learns it from render_pages)."""
    templates = "".join(folder_digest(folder) for folder in theme.template_dirs)
    out_key = str(out)
    shared_stamps: dict = {}
    stamps: dict = {}
    store.get("")                                    # load it before the workers fork

    def reuse(page, context):
        rel = Urls.output_file(page.rel)
        lang = context["lang"]
        if lang not in shared_stamps:
            # what every page of a language shares, fingerprinted once per language: pickling the whole site
            # configuration again for each of 10,000 pages was most of what fingerprints cost
            shared_stamps[lang] = fingerprint(*(context[k] for k in SHARED_CONTEXT))
        shared = shared_stamps[lang]
        own = page.context     # in the context twice: as itself and merged into it
        values = [(f.name, getattr(page, f.name)) for f in dataclass_fields(page)
                  if f.name not in ("deps_planned", "deps_rendered", "group")]
        stamp = shared and fingerprint(templates, values, shared,
                                       {k: v for k, v in context.items() if k != "page" and k not in SHARED_CONTEXT
                                        and not (k in own and own[k] is v)})
        stamps[rel] = stamp
        old = PageRecord.read(store.get(rel))
        if not stamp or old is None or (old.output, old.fingerprint) != (out_key, stamp):
            return None
        try:
            data = (out / rel).read_bytes()
        except OSError:
            return None
        if bytes_digest(data) != old.digest:
            return None
        link_or_write(out / rel, staging, rel, data)
        return rel, old.used, old._replace(used=None)

    def write(rel, data, used):
        write_file(staging, rel, data)
        stamp = stamps.pop(rel, None)
        return PageRecord(out_key, stamp, bytes_digest(data)) if stamp else None   # the parent adds what it used

    return reuse, write


class PageRecord(NamedTuple):
    """What the page store remembers of a page written by a cold build."""
    output: str                   # the output folder it was written to
    fingerprint: str              # of its template, page and context (see _page_records)
    digest: str                   # of the bytes written
    used: frozenset | None = None  # the tokens rendering it used

    def stored(self) -> list:
        """As the store keeps it (JSON): a list, the tokens in a stable order, their tuples as lists."""
        return [self.output, self.fingerprint, self.digest, sorted(self.used, key=repr)]

    @classmethod
    def read(cls, stored) -> PageRecord | None:
        """The record again from what the store holds; None for anything else."""
        if not isinstance(stored, list) or len(stored) != 4:
            return None
        output, fingerprint, digest, used = stored
        # a token is (name, key); a key is a string, None or a list (a tuple before JSON)
        return cls(output, fingerprint, digest, frozenset((name, tuple(key) if type(key) is list else key)
                                                          for name, key in used))


# -- the entry points -----------------------------------------------------------------------------------
def build(options: Options, progress=None) -> BuildResult:
    """A full build; the output directory changes only if everything succeeded. When no source file,
    option or line of code changed since the last build, and its output is as it left it, nothing is
    done at all (cache.Manifest)."""
    start = time.perf_counter()
    root = options.site_root.resolve()
    out = options.output()
    manifest = Manifest(options.build_cache().directory)
    folders = [root / name for name in WATCHED] + [*theme_dirs(root, "templates"), *theme_dirs(root, "static")]
    sources = {str(folder): tree_stats(folder) for folder in dict.fromkeys(folders) if folder.is_dir()}
    key = manifest.key(sources, {"out": str(out), "base_url": options.base_url, "search": options.search,
                                 "pdf": options.pdf and options.paper})
    last = manifest.unchanged(key, out)
    if last is not None:
        remove_stale(out)                     # what a killed build left beside the output
        warnings = [Problem(**w) for w in last["warnings"]]
        return BuildResult(last["pages"], last["files"], time.perf_counter() - start, warnings, 0, full=False)
    manifest.forget()
    result = run(options, progress=progress)[0]
    manifest.save(key, out, {"pages": result.pages, "files": result.files,
                             "warnings": [w.as_dict() for w in result.warnings]})
    return result


def check_site(options: Options) -> Loaded:
    """Load, check and resolve everything (the `check` command); raises BuildFailed with every error."""
    problems, cache = Problems(options.site_root.resolve()), options.build_cache()
    content, bibliography = load(options, problems, cache, None, None)
    resolved, urls = check_and_resolve(options, content, bibliography, problems, cache)
    return Loaded(content, bibliography, resolved, urls, problems, cache)
