"""The build, top to bottom: load -> check -> resolve -> plan pages -> render -> write."""

from __future__ import annotations

import shutil
import time
from dataclasses import dataclass, field, fields as dataclass_fields
from pathlib import Path

from .assets import plan_assets
from .bib.bibliography import Bibliography
from .bib.database import load_bib
from .cache import BuildCache, bytes_digest, fingerprint, folder_digest
from .check import run_checks
from .check.usage import check_corrections, check_unused_references
from .errors import BuildFailed, Problems
from .load import frontmatter, load_content
from .pages import PagePlanner
from .progress import Silent
from .render import TemplateProblem, check_templates, make_environment
from .resolve import resolve
from .site_pages import global_pages, page_context
from .theme import theme_dir
from .urls import Urls
from .parallel import fork_map
from .write import check_output, link_or_write, recycle_tree, staging_dir, swap_in, write_file
from . import process, render as render_mod


@dataclass
class Options:
    site_root: Path
    out: Path | None = None
    base_url: str | None = None
    search: bool = False          # run Pagefind over the output
    cache: bool = True            # reuse unchanged results of earlier builds (see cache.py)
    cache_dir: Path | None = None  # default: <site>/.cache

    def build_cache(self) -> BuildCache:
        if not self.cache:
            return BuildCache(None)
        return BuildCache((self.cache_dir or self.site_root / ".cache").resolve())


@dataclass
class Loaded:
    content: object
    bibliography: Bibliography
    resolved: object
    urls: Urls
    problems: Problems
    cache: BuildCache = field(default_factory=lambda: BuildCache(None))
    # what every page of a language shares (site_pages.page_context), made once per build and language
    language_contexts: dict = field(default_factory=dict, repr=False)


@dataclass
class BuildResult:
    pages: int = 0
    files: int = 0
    seconds: float = 0.0
    warnings: list = field(default_factory=list)


def load_site(options: Options) -> Loaded:
    """Load, check and resolve everything; raises BuildFailed with every error found."""
    root = options.site_root.resolve()
    problems = Problems(root)
    content_dir = root / "content"
    cache = options.build_cache()
    frontmatter.STORE = cache.store("frontmatter") if cache.directory else None
    try:
        content = load_content(content_dir, problems)
    finally:
        frontmatter.STORE = None
    bibliography = Bibliography(load_bib(content_dir / "references.bib", problems, cache.store("bib")),
                                cache.store("references"))
    if content is None:           # site.yaml is unusable: what could be read of the rest was checked
        raise BuildFailed(problems.errors + problems.warnings)
    # Every stage runs even after errors, so that one run reports them all (sorted by path and line). What a
    # file that failed to load would have defined is marked broken in `problems` (Problems.broken), and
    # errors that only follow from that (a link to its slug, a citation of its key) are left out.
    run_checks(content, bibliography, problems)
    urls = Urls(options.base_url or content.site.base_url)
    resolved = resolve(content, bibliography, urls, problems, store=cache.store("bodies"))
    check_corrections(content, resolved, problems)
    check_unused_references(bibliography, resolved, content, problems)
    if problems.errors:
        raise BuildFailed(problems.errors + problems.warnings)
    bibliography.prepare(content.site.lang_codes)       # every language in one pass over the cores
    return Loaded(content, bibliography, resolved, urls, problems, cache)


@dataclass
class Theme:
    template_dir: Path
    env: object
    assets: dict            # static name -> (source path, hashed output path)


def load_theme(root: Path, problems: Problems) -> Theme:
    """Compile every template once; raises BuildFailed on syntax errors."""
    template_dir = theme_dir(root, "templates")
    env = make_environment(template_dir)
    # compiled templates are kept (keyed by name and source checksum) in Jinja's own per-user folder
    # under the system temp dir, never in the site, whose files may come from anyone
    env.bytecode_cache = _bytecode_cache()
    if not check_templates(env, template_dir, problems):
        raise BuildFailed(problems.errors)
    return Theme(template_dir, env, plan_assets(theme_dir(root, "static")))


def _bytecode_cache():
    import jinja2
    try:
        return jinja2.FileSystemBytecodeCache()
    except (OSError, RuntimeError):
        return None


def plan_pages(loaded: Loaded) -> list:
    pages = []
    for lang in loaded.content.site.lang_codes:
        pages += PagePlanner(loaded.content, loaded.bibliography, loaded.resolved, loaded.urls, lang).plan()
    return pages + global_pages(loaded, pages)


def render_pages(loaded: Loaded, theme: Theme, pages: list, all_pages: list, progress=None) -> dict[str, bytes]:
    """rel output path -> bytes for the given pages; raises BuildFailed on template errors."""
    problems, root = loaded.problems, loaded.content.site.root
    files: dict[str, bytes] = {}
    progress = progress or Silent()
    for done, page in enumerate(pages, 1):
        progress.step(done, len(pages))
        context = page_context(page, loaded, theme.assets, all_pages)
        try:
            html = render_mod.render(theme.env, page.template, context, theme.template_dir)
        except TemplateProblem as exc:
            problems.error(root / exc.path, exc.line, exc.message, exc.hint)
            continue
        files[Urls.output_file(page.rel)] = html.encode("utf-8")
    if problems.errors:
        raise BuildFailed(problems.errors)
    return files


def static_files(loaded: Loaded, theme: Theme) -> dict[str, bytes]:
    files = {target: source.read_bytes() for source, target in theme.assets.values()}
    bib_path = loaded.content.site.root / "content" / "references.bib"
    if bib_path.is_file():
        files["references.bib"] = bib_path.read_bytes()
    return files


def render_site(loaded: Loaded, options: Options, progress=None) -> dict[str, bytes]:
    """Every output file in memory, rel path -> bytes; raises BuildFailed on template errors."""
    progress = progress or Silent()
    theme = load_theme(options.site_root.resolve(), loaded.problems)
    pages = plan_pages(loaded)
    progress.stage(f"rendering {len(pages)} pages")
    files = render_pages(loaded, theme, pages, pages, progress)
    files.update(static_files(loaded, theme))
    return files


def build(options: Options, progress=None) -> BuildResult:
    """A full build; the output directory changes only if everything succeeded."""
    return build_state(options, progress)[0]


def build_state(options: Options, progress=None) -> tuple[BuildResult, Loaded, Theme, list]:
    """build(), also handing back what it loaded (for serve's in-memory session): result, loaded, theme, pages."""
    with process.build_policy():
        return _build_state(options, progress)


def _build_state(options: Options, progress=None) -> tuple[BuildResult, Loaded, Theme, list]:
    progress = progress or Silent()
    start = time.perf_counter()
    progress.stage("loading and checking")
    loaded = load_site(options)
    process.settle()                     # the site model lives until the build ends
    theme = load_theme(options.site_root.resolve(), loaded.problems)
    pages = plan_pages(loaded)
    out = (options.out or options.site_root / "public").resolve()
    check_output(out, options.site_root)
    staging = staging_dir(out)
    # the tree the output replaced last time, kept in the cache, becomes this build's staging tree:
    # its folders (one per page) exist already, and most of its files are the right ones (see recycle_tree)
    spare = loaded.cache.directory / "previous-output" if loaded.cache.directory else None
    try:
        statics = static_files(loaded, theme)
        if spare is not None:
            recycle_tree(spare, staging, {Urls.output_file(page.rel) for page in pages} | set(statics))
        progress.stage(f"rendering and writing {len(pages)} pages")
        rels = write_pages(loaded, theme, pages, staging, out, progress)
        for rel in sorted(statics):
            write_file(staging, rel, statics[rel])
        if options.search:
            from .search import index_site
            progress.stage("indexing for search")
            index_site(staging)
        swap_in(staging, out, keep=spare)
        loaded.cache.save()
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    progress.done()
    files = set(rels) | set(statics)
    count = sum(1 for rel in files if rel.endswith(".html"))
    return BuildResult(count, len(files), time.perf_counter() - start, loaded.problems.warnings), loaded, theme, pages


SHARED_CONTEXT = ("site", "t", "conf", "source")   # the same objects in every page of a language


def write_pages(loaded: Loaded, theme: Theme, pages: list, staging: Path, out: Path, progress=None) -> list[str]:
    """Render every page into `staging` (spread over the CPU cores); returns the files written.

    A page whose template context and templates are exactly those of the last build (same fingerprint,
    see cache.fingerprint) is not rendered again: the previous build's file in `out` is hard-linked,
    after checking that its bytes are still the ones that build wrote. The result is the same tree as
    rendering everything."""
    problems, root = loaded.problems, loaded.content.site.root
    store = loaded.cache.store("pages") if loaded.cache.directory else None
    templates = folder_digest(theme.template_dir) if store is not None else ""
    out_key = str(out)
    last = {Urls.output_file(page.rel): i for i, page in enumerate(pages)}   # like a dict: the last page wins
    todo = [page for i, page in enumerate(pages) if last[Urls.output_file(page.rel)] == i]
    if store is not None:
        store.get("")                                    # load it before the workers fork
    shared_stamps: dict = {}

    def shared_stamp(context: dict) -> str | None:
        """The fingerprint of what every page of a language shares, made once per language: pickling
        the whole site configuration again for each of 10,000 pages was most of what fingerprints cost."""
        lang = context["lang"]
        if lang not in shared_stamps:
            shared_stamps[lang] = fingerprint(*(context[k] for k in SHARED_CONTEXT))
        return shared_stamps[lang]

    def one(page):
        rel = Urls.output_file(page.rel)
        context = page_context(page, loaded, theme.assets, pages)
        stamp = None
        if store is not None:
            own = page.context     # in the context twice: as itself and merged into it
            fields = [(f.name, getattr(page, f.name)) for f in dataclass_fields(page) if f.name not in ("deps", "group")]
            shared = shared_stamp(context)
            stamp = shared and fingerprint(templates, fields, shared,
                                           {k: v for k, v in context.items() if k != "page" and k not in SHARED_CONTEXT
                                            and not (k in own and own[k] is v)})
            old = store.get(rel)
            if stamp and isinstance(old, list) and old[:2] == [out_key, stamp]:
                try:
                    data = (out / rel).read_bytes()
                except OSError:
                    data = None
                if data is not None and bytes_digest(data) == old[2]:
                    link_or_write(out / rel, staging, rel, data)
                    return rel, stamp, old[2], None
        try:
            html = render_mod.render(theme.env, page.template, context, theme.template_dir)
        except TemplateProblem as exc:
            return rel, None, None, (exc.path, exc.line, exc.message, exc.hint)
        data = html.encode("utf-8")
        write_file(staging, rel, data)
        return rel, stamp, bytes_digest(data) if stamp else None, None

    results = fork_map(one, todo, min_items=200)
    for rel, stamp, written, error in results:
        if error:
            path, line, message, hint = error
            problems.error(root / path, line, message, hint)
        elif stamp and store is not None:
            store.put(rel, [out_key, stamp, written])
    if problems.errors:
        raise BuildFailed(problems.errors)
    return [rel for rel, *_ in results]
